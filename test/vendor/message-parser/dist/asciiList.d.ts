export declare const asciiList: Record<string, string>;
//# sourceMappingURL=asciiList.d.ts.map