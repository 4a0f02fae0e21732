export declare enum BlockType {
    PARAGRAPH = "PARAGRAPH",
    HEADING = "HEADING",
    CODE = "CODE",
    LIST = "LIST",
    QUOTE = "QUOTE"
}
export type Block = {
    type: BlockType;
    content: string;
    level?: number;
    language?: string;
    ordered?: boolean;
    incomplete?: boolean;
};
export declare class BlockSplitter {
    static split(input: string): Block[];
    private static flush;
}
//# sourceMappingURL=BlockSplitter.d.ts.map