import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  type ClassNode,
  type FunctionNode,
  importOf,
  isClassNode,
  isFunctionNode,
  keyName,
  resolveVariable,
  skipTypeWrappers,
} from "../util/ast.js";
import { frameworkOfSuperClass, ownHibernateOption } from "./frameworks.js";
import {
  CONNECTION_HANDLER_NAMES,
  type ConnectionHandlerName,
  type DurableObjectClass,
  type DurableObjectMarker,
  type Framework,
  HANDLER_NAMES,
  type HandlerName,
  type MethodLikeNode,
} from "./types.js";
import type { TypeInformation, TypedBase } from "./typed.js";
import type { FileFacts } from "./walk.js";

const WORKERS_MODULE = "cloudflare:workers";
const WORKERS_TYPES_MODULE = "@cloudflare/workers-types";

/** Members of `DurableObjectState` whose use marks a constructor parameter as the state. */
const STATE_MEMBERS = new Set(["storage", "acceptWebSocket", "getWebSockets", "blockConcurrencyWhile"]);

const HANDLER_NAME_SET: ReadonlySet<string> = new Set(HANDLER_NAMES);
const CONNECTION_HANDLER_NAME_SET: ReadonlySet<string> = new Set(CONNECTION_HANDLER_NAMES);

/** Classes that are Durable Objects because the project says so, not the code: the settings or the wrangler config. */
export type NamedClasses = ReadonlyMap<string, Extract<DurableObjectMarker, "settings" | "wranglerConfig">>;

export interface MutableDurableObjectClass extends DurableObjectClass {
  hibernates: boolean;
  framework: Framework | undefined;
  hibernateOption: boolean | undefined;
  readonly connectionHandlers: Map<ConnectionHandlerName, MethodLikeNode>;
  readonly acceptWebSocketCalls: TSESTree.CallExpression[];
  readonly handlers: Map<HandlerName, MethodLikeNode>;
  readonly methods: Map<string, MethodLikeNode>;
  readonly stateFields: Set<string>;
  baseClass: MutableDurableObjectClass | undefined;
  readonly moduleFunctions: Set<FunctionNode>;
  /** The constructor's first parameter, when it is the object's state. */
  stateParameter: TSESTree.Identifier | undefined;
}

/** Decides which classes of the file are Durable Objects and what each one defines. */
export function findDurableObjects(
  sourceCode: Readonly<TSESLint.SourceCode>,
  facts: FileFacts,
  namedClasses: NamedClasses,
  types: TypeInformation | undefined,
): Map<ClassNode, MutableDurableObjectClass> {
  const markers = new Map<ClassNode, DurableObjectMarker | null>();
  const durableObjects = new Map<ClassNode, MutableDurableObjectClass>();
  /** What the type checker finds up the chain of classes from other modules. */
  const typedBases = new Map<ClassNode, TypedBase>();

  const markerOf = (node: ClassNode): DurableObjectMarker | null => {
    if (markers.has(node)) {
      return markers.get(node) ?? null;
    }
    // A cycle in `extends` (invalid code) must not recurse forever.
    markers.set(node, null);
    const marker = detectMarker(sourceCode, facts, node, namedClasses, markerOf, types, typedBases);
    markers.set(node, marker);
    return marker;
  };

  for (const node of facts.classes) {
    const marker = markerOf(node);
    if (marker) {
      durableObjects.set(node, describeClass(node, marker));
    }
  }
  for (const durableObject of durableObjects.values()) {
    const base = localBaseClass(sourceCode, durableObject.node);
    durableObject.baseClass = base ? durableObjects.get(base) : undefined;
  }
  for (const durableObject of durableObjects.values()) {
    addFramework(sourceCode, durableObject, typedBases, new Set());
  }
  for (const durableObject of durableObjects.values()) {
    addStateFields(sourceCode, facts, durableObject, new Set());
  }
  return durableObjects;
}

function detectMarker(
  sourceCode: Readonly<TSESLint.SourceCode>,
  facts: FileFacts,
  node: ClassNode,
  namedClasses: NamedClasses,
  markerOf: (node: ClassNode) => DurableObjectMarker | null,
  types: TypeInformation | undefined,
  typedBases: Map<ClassNode, TypedBase>,
): DurableObjectMarker | null {
  if (node.superClass && extendsWorkersDurableObject(sourceCode, node.superClass)) {
    return "extendsDurableObject";
  }
  if (node.superClass && frameworkOfSuperClass(sourceCode, node.superClass)) {
    return "extendsFramework";
  }
  const base = localBaseClass(sourceCode, node);
  if (base && markerOf(base)) {
    return "extendsLocalDurableObject";
  }
  if (node.implements.some((clause) => isDurableObjectType(sourceCode, clause.expression))) {
    return "implementsDurableObject";
  }
  const typedBase = types?.durableObjectBaseOf(node);
  if (typedBase) {
    typedBases.set(node, typedBase);
    return "typedDurableObject";
  }
  if (hasStateConstructor(sourceCode, facts, node, types)) {
    return "stateConstructor";
  }
  const name = className(node);
  return (name !== undefined && namedClasses.get(name)) || null;
}

export function className(node: ClassNode): string | undefined {
  if (node.id) {
    return node.id.name;
  }
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.name;
  }
  return undefined;
}

/** `DurableObject` from `cloudflare:workers`, under any local name or through a namespace import. */
function extendsWorkersDurableObject(sourceCode: Readonly<TSESLint.SourceCode>, superClass: TSESTree.Node): boolean {
  const node = skipTypeWrappers(superClass);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const imported = importOf(sourceCode, node);
    return imported?.source === WORKERS_MODULE && imported.imported === "DurableObject";
  }
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === "DurableObject" &&
    node.object.type === AST_NODE_TYPES.Identifier
  ) {
    const imported = importOf(sourceCode, node.object);
    return imported?.source === WORKERS_MODULE && imported.imported === "*";
  }
  return false;
}

/** `implements DurableObject`: the global type of `@cloudflare/workers-types`, or an import of it. */
function isDurableObjectType(sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Node): boolean {
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(sourceCode, expression);
    if (!variable || variable.defs.length === 0) {
      return expression.name === "DurableObject";
    }
    const imported = importOf(sourceCode, expression);
    return (
      imported !== undefined &&
      imported.imported === "DurableObject" &&
      (imported.source === WORKERS_MODULE || imported.source.startsWith(WORKERS_TYPES_MODULE))
    );
  }
  if (
    expression.type === AST_NODE_TYPES.MemberExpression &&
    !expression.computed &&
    expression.property.type === AST_NODE_TYPES.Identifier &&
    expression.property.name === "DurableObject" &&
    expression.object.type === AST_NODE_TYPES.Identifier
  ) {
    const imported = importOf(sourceCode, expression.object);
    return (
      imported?.imported === "*" &&
      (imported.source === WORKERS_MODULE || imported.source.startsWith(WORKERS_TYPES_MODULE))
    );
  }
  return false;
}

/**
 * The class extends the runtime's `DurableObject` (directly, through a framework's class, or
 * through classes of other modules), which sets `this.ctx` and `this.env`.
 */
export function extendsRuntimeBaseClass(durableObject: DurableObjectClass): boolean {
  return (
    durableObject.marker === "extendsDurableObject" ||
    durableObject.marker === "extendsFramework" ||
    durableObject.marker === "typedDurableObject"
  );
}

/** The class of the same file that `node` extends, when its `extends` names one. */
export function localBaseClass(sourceCode: Readonly<TSESLint.SourceCode>, node: ClassNode): ClassNode | undefined {
  const superClass = node.superClass && skipTypeWrappers(node.superClass);
  if (superClass?.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const definition = resolveVariable(sourceCode, superClass)?.defs[0];
  if (!definition) {
    return undefined;
  }
  if (definition.type === "ClassName" && isClassNode(definition.node)) {
    return definition.node;
  }
  if (definition.type === "Variable" && definition.node.init) {
    const init = skipTypeWrappers(definition.node.init);
    return isClassNode(init) ? init : undefined;
  }
  return undefined;
}

function constructorOf(node: ClassNode): TSESTree.MethodDefinition | undefined {
  for (const member of node.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === "constructor") {
      return member;
    }
  }
  return undefined;
}

/** The identifier of the constructor's first parameter (also a TypeScript parameter property). */
function firstParameter(constructor: TSESTree.MethodDefinition | undefined): TSESTree.Identifier | undefined {
  const parameter = constructor?.value.params[0];
  if (!parameter) {
    return undefined;
  }
  if (parameter.type === AST_NODE_TYPES.Identifier) {
    return parameter;
  }
  if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.Identifier) {
    return parameter.parameter;
  }
  return undefined;
}

function isDurableObjectStateType(parameter: TSESTree.Identifier): boolean {
  const type = parameter.typeAnnotation?.typeAnnotation;
  return (
    type?.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    type.typeName.name === "DurableObjectState"
  );
}

/**
 * The classic form: `constructor(state: DurableObjectState, env)`, or in JavaScript a first
 * parameter used as `state.storage`, `state.acceptWebSocket`, ... directly or through the
 * field it is stored in.
 */
function hasStateConstructor(
  sourceCode: Readonly<TSESLint.SourceCode>,
  facts: FileFacts,
  node: ClassNode,
  types: TypeInformation | undefined,
): boolean {
  const parameter = firstParameter(constructorOf(node));
  if (!parameter) {
    return false;
  }
  if (isDurableObjectStateType(parameter)) {
    return true;
  }
  if (types) {
    // The checker knows what the parameter is: the uses of its members are no longer a guess.
    const type = types.runtimeTypeOf(parameter);
    if (type !== "unknown") {
      return type === "DurableObjectState";
    }
  }
  const variable = resolveVariable(sourceCode, parameter);
  if (!variable) {
    return false;
  }
  const fieldMembers = facts.thisFieldMembers.get(node);
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === identifier &&
      !parent.computed &&
      parent.property.type === AST_NODE_TYPES.Identifier &&
      STATE_MEMBERS.has(parent.property.name)
    ) {
      return true;
    }
    const field = thisFieldAssignedFrom(identifier);
    const members = field === undefined ? undefined : fieldMembers?.get(field);
    if (members && [...members].some((member) => STATE_MEMBERS.has(member))) {
      return true;
    }
  }
  return false;
}

/** `this.field = identifier`: the field name. */
function thisFieldAssignedFrom(identifier: TSESTree.Node): string | undefined {
  const parent = identifier.parent;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === identifier &&
    parent.left.type === AST_NODE_TYPES.MemberExpression &&
    parent.left.object.type === AST_NODE_TYPES.ThisExpression &&
    !parent.left.computed &&
    parent.left.property.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.left.property.name;
  }
  return undefined;
}

function describeClass(
  node: ClassNode,
  marker: DurableObjectMarker,
): MutableDurableObjectClass {
  const methods = new Map<string, MethodLikeNode>();
  const handlers = new Map<HandlerName, MethodLikeNode>();
  const connectionHandlers = new Map<ConnectionHandlerName, MethodLikeNode>();
  for (const member of node.body.body) {
    const isMethod =
      member.type === AST_NODE_TYPES.MethodDefinition && member.kind === "method" && !member.static;
    const isFunctionProperty =
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      !member.static &&
      member.value !== null &&
      isFunctionNode(member.value);
    if (!isMethod && !isFunctionProperty) {
      continue;
    }
    const name = keyName(member);
    if (name === undefined) {
      continue;
    }
    methods.set(name, member);
    if (HANDLER_NAME_SET.has(name)) {
      handlers.set(name as HandlerName, member);
    }
    if (CONNECTION_HANDLER_NAME_SET.has(name)) {
      connectionHandlers.set(name as ConnectionHandlerName, member);
    }
  }
  const constructorNode = constructorOf(node);
  const parameter = firstParameter(constructorNode);
  return {
    node,
    name: className(node),
    marker,
    hibernates: false,
    framework: undefined,
    hibernateOption: undefined,
    connectionHandlers,
    acceptWebSocketCalls: [],
    handlers,
    methods,
    constructorNode,
    stateFields: new Set(),
    baseClass: undefined,
    moduleFunctions: new Set(),
    stateParameter: parameter,
  };
}

function addStateFields(
  sourceCode: Readonly<TSESLint.SourceCode>,
  facts: FileFacts,
  durableObject: MutableDurableObjectClass,
  visiting: Set<MutableDurableObjectClass>,
): void {
  if (visiting.has(durableObject)) {
    return;
  }
  visiting.add(durableObject);
  if (extendsRuntimeBaseClass(durableObject)) {
    // The base class of `cloudflare:workers` stores the state as `this.ctx`; the frameworks'
    // base classes extend it.
    durableObject.stateFields.add("ctx");
  }
  const base = durableObject.baseClass;
  if (base) {
    addStateFields(sourceCode, facts, base, visiting);
    for (const field of base.stateFields) {
      durableObject.stateFields.add(field);
    }
  }
  const constructorParameter = durableObject.constructorNode?.value.params[0];
  if (
    constructorParameter?.type === AST_NODE_TYPES.TSParameterProperty &&
    constructorParameter.parameter.type === AST_NODE_TYPES.Identifier
  ) {
    durableObject.stateFields.add(constructorParameter.parameter.name);
  }
  const parameter = durableObject.stateParameter;
  const variable = parameter && resolveVariable(sourceCode, parameter);
  for (const reference of variable?.references ?? []) {
    const field = thisFieldAssignedFrom(reference.identifier);
    if (field !== undefined) {
      durableObject.stateFields.add(field);
    }
  }
}

/**
 * The framework of a class that extends a framework's base class, directly or through local
 * base classes, and for partyserver what its `static options.hibernate` resolves to: partyserver
 * reads it up the chain of classes, and `Server` itself says `false`. The connection handlers
 * are only the framework's for a framework class.
 */
function addFramework(
  sourceCode: Readonly<TSESLint.SourceCode>,
  durableObject: MutableDurableObjectClass,
  typedBases: ReadonlyMap<ClassNode, TypedBase>,
  visiting: Set<MutableDurableObjectClass>,
): void {
  if (visiting.has(durableObject)) {
    return;
  }
  visiting.add(durableObject);
  const base = durableObject.baseClass;
  if (durableObject.marker === "extendsFramework" && durableObject.node.superClass) {
    durableObject.framework = frameworkOfSuperClass(sourceCode, durableObject.node.superClass);
  } else if (durableObject.marker === "typedDurableObject") {
    durableObject.framework = typedBases.get(durableObject.node)?.framework;
  } else if (base) {
    addFramework(sourceCode, base, typedBases, visiting);
    durableObject.framework = base.framework;
  }
  if (durableObject.framework === undefined) {
    durableObject.connectionHandlers.clear();
    return;
  }
  if (durableObject.framework !== "partyserver") {
    return;
  }
  const own = ownHibernateOption(sourceCode, durableObject.node);
  switch (own.kind) {
    case "set":
      durableObject.hibernateOption = own.value;
      break;
    case "unknown":
      durableObject.hibernateOption = undefined;
      break;
    case "inherited":
      // A class between this one and `Server` in another module may set it.
      if (durableObject.marker === "typedDurableObject") {
        durableObject.hibernateOption = typedBases.get(durableObject.node)?.extendsFrameworkDirectly ? false : undefined;
      } else {
        durableObject.hibernateOption = base ? base.hibernateOption : false;
      }
      break;
  }
}
