import type { Root } from './definitions';
export type * from './definitions';
export { isNodeOfType } from './guards';
export { asciiList } from './asciiList';
export type Options = {
    colors?: boolean;
    emoticons?: boolean;
    katex?: {
        dollarSyntax?: boolean;
        parenthesisSyntax?: boolean;
    };
    customDomains?: string[];
};
export declare const parse: (input: string, options?: Options) => Root;
export type { Root as MarkdownAST };
export { parse as parser };
//# sourceMappingURL=index.d.ts.map