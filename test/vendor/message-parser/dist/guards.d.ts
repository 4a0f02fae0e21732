import type { Types, TypesKeys } from './definitions';
export declare const isNodeOfType: <T extends TypesKeys>(value: unknown, type: T) => value is Types[T];
//# sourceMappingURL=guards.d.ts.map