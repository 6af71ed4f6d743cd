import { createRequire } from "node:module";
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from "@typescript-eslint/utils";
import type * as ts from "typescript";
import { readSettings } from "../settings.js";
import type { ClassNode } from "../util/ast.js";
import type { Framework } from "./types.js";

/**
 * What the type checker says, in the type-checked configs only: the plugin asks for it
 * explicitly (`settings.hibernation.typeChecked`), and every rule works without it.
 */
export interface TypeInformation {
  /**
   * How the class's type reaches the runtime's `DurableObject`, through any chain of base
   * classes in any module; undefined when it does not.
   */
  durableObjectBaseOf(node: ClassNode): TypedBase | undefined;
  /** What the static type of `node` is, among the runtime types the rules care about. */
  runtimeTypeOf(node: TSESTree.Node): RuntimeType;
  /** The first part of the value's type that V8 serialization cannot store as it is. */
  unserializablePartOf(node: TSESTree.Node): UnserializablePart | undefined;
}

export interface TypedBase {
  /** The framework whose class is up the chain. */
  readonly framework: Framework | undefined;
  /** The class extends the framework's class itself, with no class between them. */
  readonly extendsFrameworkDirectly: boolean;
}

/**
 * `unknown`: the type says nothing (`any`, `unknown`, a type parameter, a union of different
 * kinds); `other`: a known type that is neither.
 */
export type RuntimeType = "WebSocket" | "DurableObjectState" | "other" | "unknown";

export type UnserializablePart =
  /** A function, or an object type that can be called. */
  | { readonly kind: "function"; readonly path: string }
  /** A runtime object that the runtime refuses to serialize, by its type name. */
  | { readonly kind: "host"; readonly path: string; readonly typeName: string }
  | { readonly kind: "promise"; readonly path: string }
  /** An instance of a class with methods or accessors, which come back missing. */
  | { readonly kind: "classInstance"; readonly path: string; readonly className: string; readonly member: string };

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Runtime types whose instances `serializeAttachment()` refuses (measured in workerd; the
 * plain-JavaScript counterparts are the ones `valid-attachment` knows by their constructor).
 */
const HOST_TYPES: ReadonlySet<string> = new Set([
  "AbortController",
  "DurableObjectId",
  "DurableObjectNamespace",
  "DurableObjectState",
  "DurableObjectStorage",
  "FormData",
  "ReadableStream",
  "SqlStorage",
  "TextDecoder",
  "TextEncoder",
  "URL",
  "URLSearchParams",
  "WeakMap",
  "WeakRef",
  "WeakSet",
  "WebSocket",
  "WebSocketPair",
]);

/** Containers whose entries V8 serialization copies: their type arguments are followed. */
const CONTAINER_TYPES: ReadonlySet<string> = new Set(["Array", "ReadonlyArray", "Map", "ReadonlyMap", "Set", "ReadonlySet"]);
const MAX_DEPTH = 6;

/** The `DurableObject` classes that frameworks extend, by the package that declares them. */
const FRAMEWORK_CLASSES: readonly { readonly name: string; readonly pathPart: string; readonly framework: Framework }[] = [
  { name: "Server", pathPart: "/node_modules/partyserver/", framework: "partyserver" },
  { name: "Agent", pathPart: "/node_modules/agents/", framework: "agents" },
  { name: "AIChatAgent", pathPart: "/node_modules/@cloudflare/ai-chat/", framework: "agents" },
  { name: "AIChatAgent", pathPart: "/node_modules/agents/", framework: "agents" },
];

const cache = new WeakMap<object, TypeInformation | null>();
let warnedWithoutTypes = false;

/**
 * The type information of the file being linted when the config asks for it, or undefined.
 * A file the config asks for but the parser gives no types for is linted on syntax alone,
 * and the console says so once per process, with how to give it types.
 */
export function typeInformationOf(context: Context): TypeInformation | undefined {
  if (!readSettings(context.settings).typeChecked) {
    return undefined;
  }
  const sourceCode = context.sourceCode;
  const cached = cache.get(sourceCode.ast);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  const services = sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  let information: TypeInformation | null = null;
  if (services?.program && services.esTreeNodeToTSNodeMap) {
    information = new CheckedFile(services as ParserServicesWithTypeInformation);
  } else if (!warnedWithoutTypes) {
    warnedWithoutTypes = true;
    console.warn(
      `eslint-plugin-hibernation: settings.hibernation.typeChecked is on, but ${context.filename} (and maybe more files) was parsed without type information, so it is linted on syntax alone. Lint it with @typescript-eslint/parser and \`parserOptions.projectService: true\` (the type-checked configs set both), or with the configs without type checking.`,
    );
  }
  cache.set(sourceCode.ast, information);
  return information ?? undefined;
}

let typescript: typeof ts | undefined;

/** TypeScript itself, loaded only when a file comes with type information (so it is installed). */
function loadTypeScript(): typeof ts {
  typescript ??= createRequire(import.meta.url)("typescript") as typeof ts;
  return typescript;
}

class CheckedFile implements TypeInformation {
  readonly #services: ParserServicesWithTypeInformation;
  readonly #checker: ts.TypeChecker;
  readonly #ts = loadTypeScript();

  constructor(services: ParserServicesWithTypeInformation) {
    this.#services = services;
    this.#checker = services.program.getTypeChecker();
  }

  durableObjectBaseOf(node: ClassNode): TypedBase | undefined {
    const declaration = this.#services.esTreeNodeToTSNodeMap.get(node);
    const symbol = declaration.name
      ? this.#checker.getSymbolAtLocation(declaration.name)
      : this.#checker.getTypeAtLocation(declaration).getSymbol();
    if (!symbol) {
      return undefined;
    }
    const classType = this.#checker.getDeclaredTypeOfSymbol(symbol);
    let framework: Framework | undefined;
    let extendsFrameworkDirectly = false;
    let found = false;
    const visited = new Set<ts.Type>();
    const visit = (type: ts.Type, depth: number): void => {
      if (found || depth > 32 || visited.has(type)) {
        return;
      }
      visited.add(type);
      const target = (type as ts.TypeReference).target ?? type;
      const baseSymbol = target.getSymbol();
      if (baseSymbol && depth > 0 && framework === undefined) {
        framework = frameworkOf(baseSymbol);
        extendsFrameworkDirectly = framework !== undefined && depth === 1;
      }
      if (baseSymbol && depth > 0) {
        if (baseSymbol.name === "DurableObject" && this.#isRuntimeDeclaration(baseSymbol)) {
          found = true;
          return;
        }
      }
      if (target.isClassOrInterface()) {
        for (const base of this.#checker.getBaseTypes(target)) {
          visit(base, depth + 1);
        }
      }
    };
    visit(classType, 0);
    if (!found) {
      found = this.#implementsDurableObject(declaration);
    }
    return found ? { framework, extendsFrameworkDirectly } : undefined;
  }

  runtimeTypeOf(node: TSESTree.Node): RuntimeType {
    return this.#classify(this.#services.getTypeAtLocation(node));
  }

  unserializablePartOf(node: TSESTree.Node): UnserializablePart | undefined {
    return this.#unserializable(this.#services.getTypeAtLocation(node), "", 0, new Set());
  }

  /** `implements DurableObject`, the interface of `@cloudflare/workers-types`, under any import path. */
  #implementsDurableObject(declaration: ts.Node): boolean {
    const tsModule = this.#ts;
    if (!tsModule.isClassLike(declaration)) {
      return false;
    }
    for (const clause of declaration.heritageClauses ?? []) {
      if (clause.token !== tsModule.SyntaxKind.ImplementsKeyword) {
        continue;
      }
      for (const implemented of clause.types) {
        const symbol = this.#checker.getTypeAtLocation(implemented).getSymbol();
        if (symbol?.name === "DurableObject" && this.#isRuntimeDeclaration(symbol)) {
          return true;
        }
      }
    }
    return false;
  }

  #classify(type: ts.Type): RuntimeType {
    const flags = this.#ts.TypeFlags;
    if (type.flags & (flags.Any | flags.Unknown | flags.TypeParameter | flags.Never)) {
      return "unknown";
    }
    if (type.isUnion()) {
      const kinds = new Set(
        type.types.filter((part) => !(part.flags & (flags.Null | flags.Undefined | flags.Void))).map((part) => this.#classify(part)),
      );
      return kinds.size === 1 ? ([...kinds][0] ?? "unknown") : "unknown";
    }
    if (type.isIntersection()) {
      // A framework's connection is `WebSocket & { id, state, ... }`.
      const kinds = new Set(type.types.map((part) => this.#classify(part)));
      for (const kind of ["WebSocket", "DurableObjectState"] as const) {
        if (kinds.has(kind)) {
          return kind;
        }
      }
      return kinds.has("unknown") ? "unknown" : "other";
    }
    const symbol = type.getSymbol() ?? type.aliasSymbol;
    if (symbol && (symbol.name === "WebSocket" || symbol.name === "DurableObjectState") && this.#isRuntimeDeclaration(symbol)) {
      return symbol.name;
    }
    return "other";
  }

  #unserializable(type: ts.Type, path: string, depth: number, visited: Set<ts.Type>): UnserializablePart | undefined {
    const flags = this.#ts.TypeFlags;
    if (depth > MAX_DEPTH || visited.has(type) || type.flags & (flags.Any | flags.Unknown | flags.TypeParameter)) {
      return undefined;
    }
    if (type.isUnion()) {
      // Only a part that fails whichever member of the union the value is.
      const parts = type.types.filter((part) => !(part.flags & (flags.Null | flags.Undefined | flags.Void)));
      const found = parts.map((part) => this.#unserializable(part, path, depth, visited));
      return found.length > 0 && found.every((part) => part !== undefined) ? found[0] : undefined;
    }
    if (type.flags & flags.ESSymbolLike || !(type.flags & flags.Object) || type.isIntersection()) {
      return undefined;
    }
    visited.add(type);
    try {
      return this.#unserializableObject(type as ts.ObjectType, path, depth, visited);
    } finally {
      visited.delete(type);
    }
  }

  #unserializableObject(type: ts.ObjectType, path: string, depth: number, visited: Set<ts.Type>): UnserializablePart | undefined {
    const checker = this.#checker;
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
      return { kind: "function", path };
    }
    const symbol = type.getSymbol();
    const name = symbol?.name;
    if (symbol && name !== undefined && this.#isDeclaredInDeclarationFile(symbol)) {
      if (name === "Promise") {
        return { kind: "promise", path };
      }
      if (HOST_TYPES.has(name)) {
        return { kind: "host", path, typeName: name };
      }
      if (CONTAINER_TYPES.has(name)) {
        return this.#unserializableEntry(type, path, depth, visited);
      }
    }
    if (checker.isTupleType(type)) {
      return this.#unserializableEntry(type, path, depth, visited);
    }
    const classMember = symbol && this.#classMember(symbol);
    if (classMember !== undefined && symbol) {
      return { kind: "classInstance", path, className: symbol.name, member: classMember };
    }
    if (symbol && this.#isDeclaredInDeclarationFile(symbol)) {
      // Other library types (Date, RegExp, typed arrays, ...) serialize, or are not modelled.
      return undefined;
    }
    for (const property of checker.getPropertiesOfType(type)) {
      if (property.flags & this.#ts.SymbolFlags.Optional || property.name.startsWith("__@")) {
        continue;
      }
      const propertyType = checker.getTypeOfSymbol(property);
      const part = this.#unserializable(propertyType, path === "" ? property.name : `${path}.${property.name}`, depth + 1, visited);
      if (part) {
        return part;
      }
    }
    return undefined;
  }

  /** The first entry type of an array, tuple, Map or Set that cannot be stored. */
  #unserializableEntry(type: ts.ObjectType, path: string, depth: number, visited: Set<ts.Type>): UnserializablePart | undefined {
    for (const entry of this.#checker.getTypeArguments(type as ts.TypeReference)) {
      const part = this.#unserializable(entry, path, depth + 1, visited);
      if (part) {
        return part;
      }
    }
    return undefined;
  }

  /**
   * The first method or accessor of a class declared in the project (not in a declaration
   * file): V8 serialization keeps an instance's own fields and drops its prototype.
   */
  #classMember(symbol: ts.Symbol): string | undefined {
    const tsModule = this.#ts;
    const declaration = symbol.getDeclarations()?.find((candidate) => tsModule.isClassLike(candidate));
    if (!declaration || !tsModule.isClassLike(declaration) || declaration.getSourceFile().isDeclarationFile) {
      return undefined;
    }
    const classType = this.#checker.getDeclaredTypeOfSymbol(symbol);
    for (const property of this.#checker.getPropertiesOfType(classType)) {
      const member = property.getDeclarations()?.[0];
      if (!member || property.name.startsWith("#") || isPrivate(tsModule, member)) {
        continue;
      }
      if (tsModule.isMethodDeclaration(member)) {
        return `${property.name}()`;
      }
      if (tsModule.isGetAccessorDeclaration(member) || tsModule.isSetAccessorDeclaration(member)) {
        return property.name;
      }
    }
    return undefined;
  }

  #isDeclaredInDeclarationFile(symbol: ts.Symbol): boolean {
    const declarations = symbol.getDeclarations() ?? [];
    return declarations.length > 0 && declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
  }

  /**
   * Declared by the runtime's types: `@cloudflare/workers-types`, a `worker-configuration.d.ts`
   * that `wrangler types` generates (under any name), or TypeScript's own lib for the DOM's
   * `WebSocket`; so a declaration file, never the project's own source.
   */
  #isRuntimeDeclaration(symbol: ts.Symbol): boolean {
    return this.#isDeclaredInDeclarationFile(symbol);
  }
}

function frameworkOf(symbol: ts.Symbol): Framework | undefined {
  for (const declaration of symbol.getDeclarations() ?? []) {
    const fileName = declaration.getSourceFile().fileName;
    const match = FRAMEWORK_CLASSES.find((known) => known.name === symbol.name && fileName.includes(known.pathPart));
    if (match) {
      return match.framework;
    }
  }
  return undefined;
}

function isPrivate(tsModule: typeof ts, member: ts.Declaration): boolean {
  return (tsModule.getCombinedModifierFlags(member) & tsModule.ModifierFlags.Private) !== 0;
}
