import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, getDurableObjectModel } from "../analysis/index.js";
import { type FunctionNode, isFunctionNode, isGlobalReference, memberCall, resolveVariable, skipTypeWrappers } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { staticValue, utf8ByteLength } from "../util/static-value.js";

export type Options = [];
export type MessageIds = "constantReply" | "useAutoResponse";

type Variable = TSESLint.Scope.Variable;
type Scope = TSESLint.Scope.Scope;

const PAIR = "WebSocketRequestResponsePair";
const SET_AUTO_RESPONSE = new Set(["setWebSocketAutoResponse"]);
const SEND = new Set(["send"]);
/** The runtime's limit on the request and on the response of an auto-response, in UTF-8 bytes. */
const MAX_AUTO_RESPONSE_BYTES = 2048;
/** What `String(message)` gives for a binary frame: a branch on that text also matches binary frames. */
const BINARY_FRAME_TEXT = "[object ArrayBuffer]";
/** How far a chain of `const` aliases of the message is followed. */
const MAX_ALIAS_DEPTH = 8;
/** Texts longer than this are shortened in messages. */
const MAX_SHOWN_TEXT = 40;
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/** A constant text, and the expression that gives it in the source. */
interface Constant {
  readonly text: string;
  readonly expression: TSESTree.Expression;
}

/** A branch of `webSocketMessage` that answers one constant text with one constant reply, and does nothing else. */
interface ConstantReply {
  /** The comparison or `case` test that names the request. */
  readonly node: TSESTree.Node;
  readonly request: Constant;
  readonly response: Constant;
}

/** The handler's two parameters. */
interface HandlerParameters {
  readonly socket: Variable;
  readonly message: Variable;
}

/** How control leaves the statements that answer the request. */
type Ending = "return" | "break" | "fallsThrough";

export default createRule<Options, MessageIds>({
  name: "prefer-auto-response",
  onlyInDurableObjects: true,
  meta: {
    type: "suggestion",
    docs: {
      description: "Require `setWebSocketAutoResponse()` for constant replies to constant messages",
      recommended: "strict",
    },
    hasSuggestions: true,
    messages: {
      constantReply:
        "Every {{request}} message wakes this Durable Object from hibernation, running its constructor again and billing the time, only to be answered {{response}}. Call `ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair({{request}}, {{response}}))` in the constructor so that the runtime answers it without waking the object.",
      useAutoResponse: "Answer {{request}} with {{response}} through `setWebSocketAutoResponse()` in the constructor.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    if (!sourceCode.text.includes("webSocketMessage")) {
      return {};
    }
    const model = getDurableObjectModel(context);
    const candidates = model.durableObjects.filter(
      (durableObject) => durableObject.hibernates && durableObject.handlers.has("webSocketMessage"),
    );
    if (candidates.length === 0) {
      return {};
    }
    const isTypeScript = TYPESCRIPT_FILE.test(context.filename);
    /** Durable Objects whose code calls `setWebSocketAutoResponse()`. */
    const settingAutoResponse = new Set<DurableObjectClass>();

    return {
      Program() {
        for (const node of model.callsNamed(SET_AUTO_RESPONSE)) {
          checkCall(node);
        }
      },
      "Program:exit"() {
        for (const durableObject of candidates) {
          if (mayHaveAutoResponse(durableObject)) {
            continue;
          }
          const reply = constantReplyIn(durableObject);
          if (!reply || !fitsAutoResponse(reply)) {
            continue;
          }
          const data = { request: quote(reply.request.text), response: quote(reply.response.text) };
          const fix = autoResponseFix(durableObject, reply);
          context.report({
            node: reply.node,
            messageId: "constantReply",
            data,
            suggest: fix ? [{ messageId: "useAutoResponse", data, fix }] : [],
          });
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      if (memberCall(node, SET_AUTO_RESPONSE)) {
        const owner = model.durableObjectAt(node);
        if (owner) {
          settingAutoResponse.add(owner);
        }
      }
    }

    /**
     * Only one auto-response can be set per object (a second call replaces the first), so a
     * class that sets one already, or may inherit or pass on one, is left alone.
     */
    function mayHaveAutoResponse(durableObject: DurableObjectClass): boolean {
      for (const current of selfAndBases(durableObject)) {
        if (settingAutoResponse.has(current)) {
          return true;
        }
        // A base class from another module may set one where this file cannot see it.
        if (current.node.superClass && current.marker !== "extendsDurableObject" && !current.baseClass) {
          return true;
        }
      }
      return model.durableObjects.some(
        (other) => settingAutoResponse.has(other) && inheritsFrom(other, durableObject),
      );
    }

    // --- finding the branch ------------------------------------------------------------

    /** The first branch of the handler's own body that only answers a constant message with a constant reply. */
    function constantReplyIn(durableObject: DurableObjectClass): ConstantReply | undefined {
      const member = durableObject.handlers.get("webSocketMessage");
      const fn = member?.value && isFunctionNode(member.value) ? member.value : undefined;
      const parameters = fn && handlerParameters(fn);
      if (!fn || !parameters || fn.body.type !== AST_NODE_TYPES.BlockStatement) {
        return undefined;
      }
      const statements = fn.body.body;
      /** Earlier `if` statements: each must be skipped for the request to reach a later branch. */
      const skippedIfs: TSESTree.IfStatement[] = [];
      for (const [index, statement] of statements.entries()) {
        const isLast = index === statements.length - 1;
        const reply =
          statement.type === AST_NODE_TYPES.IfStatement
            ? replyInIfChain(statement, parameters, isLast, skippedIfs)
            : statement.type === AST_NODE_TYPES.SwitchStatement
              ? replyInSwitch(statement, parameters, isLast, skippedIfs)
              : undefined;
        if (reply) {
          return reply;
        }
        if (statement.type === AST_NODE_TYPES.IfStatement) {
          skippedIfs.push(statement);
        } else if (!isInert(statement, parameters)) {
          // Whatever follows runs after code that may have effects the auto-response would skip.
          return undefined;
        }
      }
      return undefined;
    }

    function handlerParameters(fn: FunctionNode): HandlerParameters | undefined {
      const [socketNode, messageNode] = fn.params;
      if (socketNode?.type !== AST_NODE_TYPES.Identifier || messageNode?.type !== AST_NODE_TYPES.Identifier) {
        return undefined;
      }
      const declared = sourceCode.getDeclaredVariables(fn);
      const socket = declared.find((variable) => variable.defs[0]?.name === socketNode);
      const message = declared.find((variable) => variable.defs[0]?.name === messageNode);
      if (!socket || !message || [socket, message].some((variable) => variable.references.some((ref) => ref.isWrite()))) {
        return undefined;
      }
      return { socket, message };
    }

    /** `if (message === "ping") { ws.send("pong"); return; } else if ...`: the first link that qualifies. */
    function replyInIfChain(
      root: TSESTree.IfStatement,
      parameters: HandlerParameters,
      isLast: boolean,
      skippedIfs: readonly TSESTree.IfStatement[],
    ): ConstantReply | undefined {
      const earlierTests: TSESTree.Expression[] = [];
      for (let link: TSESTree.Statement | null = root; link?.type === AST_NODE_TYPES.IfStatement; link = link.alternate) {
        for (const request of requestCandidates(link.test, parameters)) {
          if (
            evaluateFor(link.test, request.text, parameters) !== true ||
            !earlierTests.every((test) => evaluateFor(test, request.text, parameters) === false) ||
            !skippedIfs.every((statement) => isSkippedFor(statement, request.text, parameters))
          ) {
            continue;
          }
          const answer = answerIn(blockStatements(link.consequent), parameters, false);
          if (answer && (answer.ending === "return" || isLast)) {
            return { node: request.comparison, request, response: answer.response };
          }
        }
        earlierTests.push(link.test);
      }
      return undefined;
    }

    /** `switch (message) { case "ping": ws.send("pong"); break; ... }` */
    function replyInSwitch(
      statement: TSESTree.SwitchStatement,
      parameters: HandlerParameters,
      isLast: boolean,
      skippedIfs: readonly TSESTree.IfStatement[],
    ): ConstantReply | undefined {
      if (!isMessage(statement.discriminant, parameters)) {
        return undefined;
      }
      const earlierTexts: unknown[] = [];
      for (const [index, switchCase] of statement.cases.entries()) {
        if (!switchCase.test) {
          continue;
        }
        const value = staticValue(switchCase.test, sourceCode);
        if (value.kind !== "exact") {
          // The case may match anything, and evaluating it may have effects.
          return undefined;
        }
        const text = value.value;
        if (
          typeof text === "string" &&
          !earlierTexts.includes(text) &&
          skippedIfs.every((skipped) => isSkippedFor(skipped, text, parameters))
        ) {
          const answer = answerIn(caseStatements(statement.cases, index), parameters, true);
          if (answer && (answer.ending === "return" || isLast)) {
            return { node: switchCase.test, request: { text, expression: switchCase.test }, response: answer.response };
          }
        }
        earlierTexts.push(text);
      }
      return undefined;
    }

    /** `ws.send(CONSTANT)` to the handler's socket, then `return` or `break` or nothing. */
    function answerIn(
      statements: readonly TSESTree.Statement[],
      parameters: HandlerParameters,
      inSwitch: boolean,
    ): { response: Constant; ending: Ending } | undefined {
      const [first, second] = statements;
      if (!first || statements.length > 2) {
        return undefined;
      }
      if (first.type === AST_NODE_TYPES.ReturnStatement) {
        const response = first.argument && constantSend(first.argument, parameters);
        return response && !second ? { response, ending: "return" } : undefined;
      }
      const response = first.type === AST_NODE_TYPES.ExpressionStatement ? constantSend(first.expression, parameters) : undefined;
      if (!response) {
        return undefined;
      }
      if (!second) {
        return { response, ending: "fallsThrough" };
      }
      if (second.type === AST_NODE_TYPES.ReturnStatement && !second.argument) {
        return { response, ending: "return" };
      }
      return inSwitch && second.type === AST_NODE_TYPES.BreakStatement && !second.label
        ? { response, ending: "break" }
        : undefined;
    }

    /** `ws.send(text)` on the handler's own socket, with a text known statically. */
    function constantSend(expression: TSESTree.Expression, parameters: HandlerParameters): Constant | undefined {
      const call = skipTypeWrappers(expression);
      if (call.type !== AST_NODE_TYPES.CallExpression || call.optional) {
        return undefined;
      }
      const send = memberCall(call, SEND);
      const [argument] = call.arguments;
      if (
        !send ||
        call.arguments.length !== 1 ||
        !argument ||
        argument.type === AST_NODE_TYPES.SpreadElement ||
        !isVariable(send.object, parameters.socket)
      ) {
        return undefined;
      }
      const value = staticValue(argument, sourceCode);
      return value.kind === "exact" && typeof value.value === "string" ? { text: value.value, expression: argument } : undefined;
    }

    /** The constants a test compares the message with: each is a request the branch may answer. */
    function requestCandidates(
      test: TSESTree.Expression,
      parameters: HandlerParameters,
    ): (Constant & { comparison: TSESTree.Node })[] {
      const node = skipTypeWrappers(test);
      if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== "??") {
        return [...requestCandidates(node.left, parameters), ...requestCandidates(node.right, parameters)];
      }
      const comparison = comparedText(node, parameters);
      if (!comparison || (comparison.operator !== "===" && comparison.operator !== "==")) {
        return [];
      }
      return [{ text: comparison.text, expression: comparison.constant, comparison: node }];
    }

    /**
     * What `test` evaluates to when the message is the text frame `text`: true, false, or
     * undefined when that is not known or evaluating it may have effects.
     */
    function evaluateFor(test: TSESTree.Node, text: string, parameters: HandlerParameters): boolean | undefined {
      const node = skipTypeWrappers(test);
      switch (node.type) {
        case AST_NODE_TYPES.UnaryExpression: {
          if (node.operator !== "!") {
            return undefined;
          }
          const argument = evaluateFor(node.argument, text, parameters);
          return argument === undefined ? undefined : !argument;
        }
        case AST_NODE_TYPES.LogicalExpression: {
          const left = evaluateFor(node.left, text, parameters);
          if (node.operator === "&&") {
            return left === false ? false : left === true ? evaluateFor(node.right, text, parameters) : undefined;
          }
          if (node.operator === "||") {
            return left === true ? true : left === false ? evaluateFor(node.right, text, parameters) : undefined;
          }
          return undefined;
        }
        case AST_NODE_TYPES.BinaryExpression:
          return evaluateBinary(node, text, parameters);
        default:
          return undefined;
      }
    }

    function evaluateBinary(
      node: TSESTree.BinaryExpression,
      text: string,
      parameters: HandlerParameters,
    ): boolean | undefined {
      if (node.operator === "instanceof") {
        // A text frame is a string, never an `ArrayBuffer`.
        const right = skipTypeWrappers(node.right);
        return isMessage(node.left, parameters) &&
          right.type === AST_NODE_TYPES.Identifier &&
          right.name === "ArrayBuffer" &&
          isGlobalReference(sourceCode, right)
          ? false
          : undefined;
      }
      const comparison = comparedText(node, parameters);
      if (!comparison) {
        return typeOfComparison(node, parameters);
      }
      const equal = comparison.text === text;
      return comparison.operator === "===" || comparison.operator === "==" ? equal : !equal;
    }

    /** `typeof message === "string"` and its variants, for a text frame. */
    function typeOfComparison(node: TSESTree.BinaryExpression, parameters: HandlerParameters): boolean | undefined {
      if (!isEquality(node.operator)) {
        return undefined;
      }
      for (const [operand, other] of [
        [node.left, node.right],
        [node.right, node.left],
      ] as const) {
        const typeOf = skipTypeWrappers(operand);
        if (
          typeOf.type === AST_NODE_TYPES.UnaryExpression &&
          typeOf.operator === "typeof" &&
          isMessage(typeOf.argument, parameters)
        ) {
          const value = staticValue(other, sourceCode);
          if (value.kind !== "exact" || typeof value.value !== "string") {
            return undefined;
          }
          const equal = value.value === "string";
          return node.operator === "===" || node.operator === "==" ? equal : !equal;
        }
      }
      return undefined;
    }

    /** `message === "ping"`, `"ping" != message`: the constant text and the operator. */
    function comparedText(
      node: TSESTree.Node,
      parameters: HandlerParameters,
    ): { text: string; constant: TSESTree.Expression; operator: string } | undefined {
      if (node.type !== AST_NODE_TYPES.BinaryExpression || !isEquality(node.operator)) {
        return undefined;
      }
      for (const [operand, constant] of [
        [node.left, node.right],
        [node.right, node.left],
      ] as const) {
        if (constant.type === AST_NODE_TYPES.PrivateIdentifier || !isMessage(operand, parameters)) {
          continue;
        }
        const value = staticValue(constant, sourceCode);
        // `String(message)` of a binary frame is "[object ArrayBuffer]": that branch also takes binary frames.
        if (value.kind === "exact" && typeof value.value === "string" && value.value !== BINARY_FRAME_TEXT) {
          return { text: value.value, constant, operator: node.operator };
        }
        return undefined;
      }
      return undefined;
    }

    /**
     * The message as the runtime delivers it: the handler's second parameter, `String(message)`
     * (binary frames never equal a constant other than "[object ArrayBuffer]"), or a `const`
     * holding either.
     */
    function isMessage(node: TSESTree.Node, parameters: HandlerParameters, depth = 0): boolean {
      const expression = skipTypeWrappers(node);
      if (depth > MAX_ALIAS_DEPTH) {
        return false;
      }
      if (expression.type === AST_NODE_TYPES.CallExpression) {
        const [argument] = expression.arguments;
        const callee = skipTypeWrappers(expression.callee);
        return (
          !expression.optional &&
          expression.arguments.length === 1 &&
          argument !== undefined &&
          argument.type !== AST_NODE_TYPES.SpreadElement &&
          callee.type === AST_NODE_TYPES.Identifier &&
          callee.name === "String" &&
          isGlobalReference(sourceCode, callee) &&
          isMessage(argument, parameters, depth + 1)
        );
      }
      if (expression.type !== AST_NODE_TYPES.Identifier) {
        return false;
      }
      const variable = resolveVariable(sourceCode, expression);
      if (!variable) {
        return false;
      }
      if (variable === parameters.message) {
        return true;
      }
      const definition = variable.defs[0];
      return (
        variable.defs.length === 1 &&
        definition?.type === "Variable" &&
        definition.parent.kind === "const" &&
        definition.node.id.type === AST_NODE_TYPES.Identifier &&
        definition.node.init !== null &&
        isMessage(definition.node.init, parameters, depth + 1)
      );
    }

    /** True when a statement before the branch does nothing for any message: declarations of constants and aliases. */
    function isInert(statement: TSESTree.Statement, parameters: HandlerParameters): boolean {
      if (statement.type === AST_NODE_TYPES.EmptyStatement) {
        return true;
      }
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declare) {
        return false;
      }
      return statement.declarations.every(
        (declarator) =>
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          (declarator.init === null ||
            isMessage(declarator.init, parameters) ||
            staticValue(declarator.init, sourceCode).kind === "exact"),
      );
    }

    /** An earlier `if` chain that the request never enters: every test is false for it, and there is no final `else`. */
    function isSkippedFor(statement: TSESTree.IfStatement, text: string, parameters: HandlerParameters): boolean {
      for (let link: TSESTree.Statement | null = statement; link; link = link.alternate) {
        if (link.type !== AST_NODE_TYPES.IfStatement || evaluateFor(link.test, text, parameters) !== false) {
          return false;
        }
      }
      return true;
    }

    function isVariable(node: TSESTree.Node, variable: Variable): boolean {
      const expression = skipTypeWrappers(node);
      return expression.type === AST_NODE_TYPES.Identifier && resolveVariable(sourceCode, expression) === variable;
    }

    // --- the suggestion ----------------------------------------------------------------

    /**
     * Sets the auto-response in the constructor: right after `super(...)`, at the start of a
     * classic constructor, or in a new constructor for a class that has none. The branch is
     * kept: the runtime answers the request before it is reached, and it still serves any
     * environment without the auto-response.
     */
    function autoResponseFix(
      durableObject: DurableObjectClass,
      reply: ConstantReply,
    ): TSESLint.ReportFixFunction | undefined {
      const constructorNode = durableObject.constructorNode;
      if (constructorNode) {
        return constructorNode.value.body ? fixInConstructor(durableObject, constructorNode.value.body, reply) : undefined;
      }
      return fixWithNewConstructor(durableObject, reply);
    }

    function fixInConstructor(
      durableObject: DurableObjectClass,
      body: TSESTree.BlockStatement,
      reply: ConstantReply,
    ): TSESLint.ReportFixFunction | undefined {
      const scope = sourceCode.getScope(body);
      const pair = pairText(reply, scope, new Set());
      if (pair === undefined) {
        return undefined;
      }
      const superStatement = body.body.find(isSuperCallStatement);
      if (superStatement) {
        const superCall = superStatement.expression as TSESTree.CallExpression;
        const [first] = superCall.arguments;
        const state =
          first?.type === AST_NODE_TYPES.Identifier && model.isStateHandle(first)
            ? first.name
            : model.stateHandleTextAt(durableObject, superCall);
        if (state === undefined) {
          return undefined;
        }
        const indent = indentOf(superStatement);
        const after = endOfLine(superStatement);
        return (fixer) => fixer.insertTextAfterRange([after, after], `\n${indent}${state}.setWebSocketAutoResponse(${pair});`);
      }
      if (durableObject.node.superClass) {
        // `super()` is called somewhere this fix cannot place a statement after.
        return undefined;
      }
      // The classic form: the state is only in the parameter until the constructor stores it.
      const parameter = constructorStateParameter(durableObject);
      if (parameter === undefined) {
        return undefined;
      }
      const statement = `${parameter}.setWebSocketAutoResponse(${pair});`;
      const [firstStatement] = body.body;
      const bodyIndent = indentOf(body.parent);
      if (!firstStatement) {
        return (fixer) => fixer.replaceText(body, `{\n${bodyIndent}  ${statement}\n${bodyIndent}}`);
      }
      const indent = indentOf(firstStatement);
      return (fixer) => fixer.insertTextAfterRange([body.range[0], body.range[0] + 1], `\n${indent}${statement}`);
    }

    function fixWithNewConstructor(
      durableObject: DurableObjectClass,
      reply: ConstantReply,
    ): TSESLint.ReportFixFunction | undefined {
      const classNode = durableObject.node;
      const extendsRuntimeClass = durableObject.marker === "extendsDurableObject";
      // A TypeScript subclass of a local class would need that class's constructor types.
      if (!extendsRuntimeClass && (isTypeScript || durableObject.marker !== "extendsLocalDurableObject")) {
        return undefined;
      }
      const scope = sourceCode.getScope(classNode.body);
      const pair = pairText(reply, scope, new Set(["ctx", "env"]));
      const member = classNode.body.body.find(
        (element) => element.type === AST_NODE_TYPES.MethodDefinition || element === durableObject.handlers.get("webSocketMessage"),
      );
      if (pair === undefined || !member) {
        return undefined;
      }
      const indent = indentOf(member);
      const inner = indent + (indent.length > indentOf(classNode).length ? indent.slice(indentOf(classNode).length) : "  ");
      const envType = classNode.superTypeArguments?.params[0];
      const parameters = isTypeScript
        ? `ctx: DurableObjectState, env: ${envType ? sourceCode.getText(envType) : "unknown"}`
        : "ctx, env";
      const constructorText = [
        `constructor(${parameters}) {`,
        `${inner}super(ctx, env);`,
        `${inner}ctx.setWebSocketAutoResponse(${pair});`,
        `${indent}}`,
        "",
        indent,
      ].join("\n");
      return (fixer) => fixer.insertTextBeforeRange(member.range, constructorText);
    }

    /** `new WebSocketRequestResponsePair(request, response)` as it can be written where `scope` is. */
    function pairText(reply: ConstantReply, scope: Scope, introduced: ReadonlySet<string>): string | undefined {
      const pair = ASTUtils.findVariable(scope, PAIR);
      if (pair && pair.defs.length > 0) {
        return undefined;
      }
      return `new ${PAIR}(${portableText(reply.request, scope, introduced)}, ${portableText(reply.response, scope, introduced)})`;
    }

    /**
     * The constant's own source text when every name in it means the same where `scope` is (a
     * module-level `const`, `JSON`), else its value as a string literal.
     */
    function portableText(constant: Constant, scope: Scope, introduced: ReadonlySet<string>): string {
      const { expression } = constant;
      const own = sourceCode.getScope(expression);
      const inside = (node: TSESTree.Node): boolean =>
        node.range[0] >= expression.range[0] && node.range[1] <= expression.range[1];
      const portable =
        !own.childScopes.some((child) => inside(child.block)) &&
        own.references
          .filter((reference) => inside(reference.identifier))
          .every((reference) => {
            const name = reference.identifier.name;
            return !introduced.has(name) && sameBinding(reference.resolved, ASTUtils.findVariable(scope, name));
          });
      return portable ? sourceCode.getText(expression) : JSON.stringify(constant.text);
    }

    /** The constructor's first parameter, when the model knows it as the object's state. */
    function constructorStateParameter(durableObject: DurableObjectClass): string | undefined {
      const parameter = durableObject.constructorNode?.value.params[0];
      const identifier =
        parameter?.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
      return identifier?.type === AST_NODE_TYPES.Identifier && model.isStateHandle(identifier) ? identifier.name : undefined;
    }

    /** The end of the line `node` ends on, after a comment that follows it there. */
    function endOfLine(node: TSESTree.Node): number {
      const next = sourceCode.getTokenAfter(node, { includeComments: true });
      const isTrailingComment = next !== null && ASTUtils.isCommentToken(next) && next.loc.start.line === node.loc.end.line;
      return isTrailingComment ? next.range[1] : node.range[1];
    }

    /** The whitespace before `node` on its line. */
    function indentOf(node: TSESTree.Node): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? "";
      return /^\s*/.exec(line)?.[0] ?? "";
    }
  },
});

/** The runtime refuses an auto-response whose request or response is longer: such a reply must stay in the handler. */
function fitsAutoResponse(reply: ConstantReply): boolean {
  return (
    utf8ByteLength(reply.request.text) <= MAX_AUTO_RESPONSE_BYTES &&
    utf8ByteLength(reply.response.text) <= MAX_AUTO_RESPONSE_BYTES
  );
}

/** The class and the classes of the file it extends, nearest first; a cycle in `extends` (invalid code) ends it. */
function selfAndBases(durableObject: DurableObjectClass): DurableObjectClass[] {
  const chain: DurableObjectClass[] = [];
  for (let current: DurableObjectClass | undefined = durableObject; current && !chain.includes(current); current = current.baseClass) {
    chain.push(current);
  }
  return chain;
}

/** True when `durableObject` extends `base`, directly or through other classes of the file. */
function inheritsFrom(durableObject: DurableObjectClass, base: DurableObjectClass): boolean {
  return durableObject !== base && selfAndBases(durableObject).includes(base);
}

function isSuperCallStatement(statement: TSESTree.Statement): statement is TSESTree.ExpressionStatement {
  return (
    statement.type === AST_NODE_TYPES.ExpressionStatement &&
    statement.expression.type === AST_NODE_TYPES.CallExpression &&
    statement.expression.callee.type === AST_NODE_TYPES.Super
  );
}

/** Two bindings are the same when they are one variable, or both the runtime's global. */
function sameBinding(a: Variable | null, b: Variable | null): boolean {
  const isGlobal = (variable: Variable | null): boolean => variable === null || variable.defs.length === 0;
  return a === b || (isGlobal(a) && isGlobal(b));
}

function isEquality(operator: string): boolean {
  return operator === "===" || operator === "==" || operator === "!==" || operator === "!=";
}

/** The statements a branch runs: the block's, or the single statement. */
function blockStatements(statement: TSESTree.Statement): readonly TSESTree.Statement[] {
  return statement.type === AST_NODE_TYPES.BlockStatement ? statement.body : [statement];
}

/**
 * The statements a `case` runs, falling through into the cases after it until one ends with
 * `break` or `return`; a block as a case's only statement is opened.
 */
function caseStatements(cases: readonly TSESTree.SwitchCase[], from: number): TSESTree.Statement[] {
  const statements: TSESTree.Statement[] = [];
  for (const switchCase of cases.slice(from)) {
    const [only] = switchCase.consequent;
    statements.push(...(switchCase.consequent.length === 1 && only ? blockStatements(only) : switchCase.consequent));
    const last = statements.at(-1);
    if (
      last?.type === AST_NODE_TYPES.BreakStatement ||
      last?.type === AST_NODE_TYPES.ReturnStatement ||
      last?.type === AST_NODE_TYPES.ThrowStatement ||
      statements.length > 2
    ) {
      break;
    }
  }
  return statements;
}

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_SHOWN_TEXT ? `${text.slice(0, MAX_SHOWN_TEXT)}…` : text);
}
