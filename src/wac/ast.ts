import type { Span } from './lexer.js';

/** The syntax tree of a WAC document, one node per production of wac's grammar (LANGUAGE.md). */

export interface Ident {
  name: string;
  span: Span;
}

/** A name that may be written as an identifier or as a string (`as "my-name"`, `"arg": x`, `i["name"]`). */
export interface Name {
  name: string;
  span: Span;
  quoted: boolean;
}

/** `ns:name@1.0.0` */
export interface PackageName {
  /** `ns:name` (nested namespaces kept: `a:b:c`). */
  name: string;
  version: string | undefined;
  span: Span;
}

/** `ns:name/item@1.0.0` (or deeper: `ns:name/a/b`). */
export interface PackagePath {
  package: string;
  segments: string[];
  version: string | undefined;
  span: Span;
  /** The span of `ns:name` alone, for "unknown package" errors. */
  packageSpan: Span;
}

export interface Document {
  package: PackageName;
  targets: PackagePath | undefined;
  statements: Statement[];
}

export type Statement = ImportStatement | TypeStatement | LetStatement | ExportStatement;

export interface ImportStatement {
  kind: 'import';
  id: Ident;
  as: Name | undefined;
  type: ImportType;
  span: Span;
}

export type ImportType =
  | { kind: 'path'; path: PackagePath }
  | { kind: 'func'; func: FuncTypeAst }
  | { kind: 'inline-interface'; items: InterfaceItem[]; span: Span }
  | { kind: 'ident'; id: Ident };

export type TypeStatement = InterfaceDecl | WorldDecl | TypeDecl;

export interface InterfaceDecl {
  kind: 'interface';
  id: Ident;
  items: InterfaceItem[];
}

export type InterfaceItem = UseItem | ItemTypeDecl | InterfaceExport;

export interface UseItem {
  kind: 'use';
  path: { kind: 'path'; path: PackagePath } | { kind: 'ident'; id: Ident };
  items: { id: Ident; as: Ident | undefined }[];
  span: Span;
}

export interface InterfaceExport {
  kind: 'func-export';
  id: Ident;
  func: { kind: 'func'; func: FuncTypeAst } | { kind: 'ident'; id: Ident };
}

export interface WorldDecl {
  kind: 'world';
  id: Ident;
  items: WorldItem[];
}

export type WorldItem =
  | UseItem
  | ItemTypeDecl
  | { kind: 'world-import' | 'world-export'; item: WorldItemPath; span: Span }
  | { kind: 'include'; world: { kind: 'path'; path: PackagePath } | { kind: 'ident'; id: Ident }; with: { id: Ident; as: Ident }[]; span: Span };

export type WorldItemPath =
  | { kind: 'named'; id: Ident; type: ExternTypeAst }
  | { kind: 'path'; path: PackagePath }
  | { kind: 'ident'; id: Ident };

export type ExternTypeAst =
  | { kind: 'func'; func: FuncTypeAst }
  | { kind: 'inline-interface'; items: InterfaceItem[]; span: Span }
  | { kind: 'ident'; id: Ident };

export type ItemTypeDecl = ResourceDecl | TypeDecl;

export interface ResourceDecl {
  kind: 'resource';
  id: Ident;
  items: ResourceItem[];
}

export type ResourceItem =
  | { kind: 'constructor'; params: NamedTypeAst[]; span: Span }
  | { kind: 'method'; id: Ident; static: boolean; func: FuncTypeAst };

export type TypeDecl =
  | { kind: 'variant'; id: Ident; cases: { id: Ident; type: TypeAst | undefined }[] }
  | { kind: 'record'; id: Ident; fields: NamedTypeAst[] }
  | { kind: 'flags'; id: Ident; names: Ident[] }
  | { kind: 'enum'; id: Ident; names: Ident[] }
  | { kind: 'type-alias'; id: Ident; type: { kind: 'func'; func: FuncTypeAst } | { kind: 'type'; type: TypeAst } };

export interface NamedTypeAst {
  id: Ident;
  type: TypeAst;
}

export interface FuncTypeAst {
  params: NamedTypeAst[];
  results: { kind: 'none' } | { kind: 'scalar'; type: TypeAst } | { kind: 'named'; results: NamedTypeAst[] };
  span: Span;
}

export type TypeAst = (
  | { kind: 'prim'; name: string }
  | { kind: 'tuple'; types: TypeAst[] }
  | { kind: 'list'; element: TypeAst }
  | { kind: 'option'; type: TypeAst }
  | { kind: 'result'; ok: TypeAst | undefined; err: TypeAst | undefined }
  | { kind: 'borrow'; type: TypeAst }
  | { kind: 'own'; type: TypeAst }
  | { kind: 'stream'; element: TypeAst | undefined }
  | { kind: 'future'; element: TypeAst | undefined }
  | { kind: 'ref'; id: Ident }
) & { span: Span };

export interface LetStatement {
  kind: 'let';
  id: Ident;
  expr: Expr;
}

export interface ExportStatement {
  kind: 'export';
  expr: Expr;
  /** `export i...;` */
  spread: Span | undefined;
  as: Name | undefined;
  span: Span;
}

export interface Expr {
  primary: PrimaryExpr;
  postfix: PostfixExpr[];
  span: Span;
}

export type PrimaryExpr =
  | { kind: 'new'; package: PackageName; args: InstantiationArg[]; span: Span }
  | { kind: 'nested'; expr: Expr; span: Span }
  | { kind: 'ident'; id: Ident };

export type PostfixExpr = { kind: 'access'; id: Ident; span: Span } | { kind: 'named-access'; name: Name; span: Span };

export type InstantiationArg =
  | { kind: 'inferred'; id: Ident }
  | { kind: 'spread'; id: Ident; span: Span }
  | { kind: 'named'; name: Name; expr: Expr }
  | { kind: 'fill'; span: Span };
