/** Stands for a part of a query that is not known statically (an interpolated value). */
export const UNKNOWN_SQL = "\u0000";

/** What running a statement again does to the stored data. */
export type SqlEffect =
  /** `INSERT`, `REPLACE`, `UPDATE`: the rows are written again. */
  | { readonly kind: "write"; readonly statement: string }
  /** `DELETE`, `DROP`, `TRUNCATE`: the rows are deleted again. */
  | { readonly kind: "wipe"; readonly statement: string }
  /** `CREATE TABLE` (index, view, trigger) without `IF NOT EXISTS`: throws once the object exists. */
  | { readonly kind: "create"; readonly statement: string }
  /** `ALTER TABLE`: throws once the column exists (or the table has been renamed). */
  | { readonly kind: "alter"; readonly statement: string };

const CREATED_OBJECTS = new Set(["TABLE", "INDEX", "VIEW", "TRIGGER"]);

/**
 * The first statement of `query` that changes stored data or the schema when it runs a second
 * time. Reads (`SELECT`, `PRAGMA`), `CREATE ... IF NOT EXISTS` and inserts that never overwrite
 * (`INSERT OR IGNORE`, `ON CONFLICT DO NOTHING`) change nothing the second time.
 */
export function repeatedSqlEffect(query: string): SqlEffect | undefined {
  for (const statement of sqlStatements(query)) {
    const words = statement.words;
    const first = words[0];
    switch (first) {
      case "INSERT":
        if (isIdempotentInsert(words)) {
          break;
        }
        return { kind: "write", statement: words[1] === "OR" ? `INSERT OR ${words[2] ?? ""}` : "INSERT" };
      case "REPLACE":
      case "UPDATE":
        return { kind: "write", statement: first };
      case "DELETE":
      case "DROP":
      case "TRUNCATE":
        return { kind: "wipe", statement: first };
      case "ALTER":
        return { kind: "alter", statement: "ALTER TABLE" };
      case "CREATE": {
        const effect = createEffect(words);
        if (effect !== "continue") {
          return effect;
        }
        break;
      }
      default:
        break;
    }
    // The body of a trigger holds statements of its own, separated by `;`.
    if (first === "CREATE" && words.includes("TRIGGER")) {
      return undefined;
    }
  }
  return undefined;
}

/** `CREATE [UNIQUE|VIRTUAL] TABLE|INDEX|VIEW|TRIGGER` without `IF NOT EXISTS`. */
function createEffect(words: readonly string[]): SqlEffect | undefined | "continue" {
  let index = 1;
  if (words[index] === "TEMP" || words[index] === "TEMPORARY") {
    // Temporary objects are gone with the connection: creating them again is fine.
    return "continue";
  }
  const modifier = words[index] === "UNIQUE" || words[index] === "VIRTUAL" ? words[index++] : undefined;
  const object = words[index];
  if (object === undefined || !CREATED_OBJECTS.has(object)) {
    return "continue";
  }
  if (words[index + 1] === "IF" && words[index + 2] === "NOT" && words[index + 3] === "EXISTS") {
    return "continue";
  }
  if (words[index + 1] === UNKNOWN_SQL) {
    // `CREATE TABLE ${ifNotExists} ...`: the decisive words are not known.
    return undefined;
  }
  return { kind: "create", statement: ["CREATE", modifier, object].filter(Boolean).join(" ") };
}

function isIdempotentInsert(words: readonly string[]): boolean {
  if (words[1] === UNKNOWN_SQL) {
    return true;
  }
  if (words[1] === "OR" && words[2] === "IGNORE") {
    return true;
  }
  for (let index = 0; index + 1 < words.length; index++) {
    if (words[index] === "ON" && words[index + 1] === "CONFLICT") {
      // `ON CONFLICT [(columns)] DO NOTHING`: the target may sit between the two.
      const action = words.indexOf("DO", index + 2);
      return action !== -1 && words[action + 1] === "NOTHING";
    }
  }
  return false;
}

interface SqlStatement {
  /** The statement's words in upper case, without comments, string literals or quoted names. */
  readonly words: readonly string[];
}

/** Splits `query` into statements at the `;` that are outside strings, quoted names and comments. */
function sqlStatements(query: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let words: string[] = [];
  let index = 0;
  const finish = (): void => {
    if (words.length > 0) {
      statements.push({ words });
    }
    words = [];
  };
  while (index < query.length) {
    const char = query[index] ?? "";
    if (char === ";") {
      finish();
      index++;
    } else if (char === "-" && query[index + 1] === "-") {
      const end = query.indexOf("\n", index);
      index = end === -1 ? query.length : end + 1;
    } else if (char === "/" && query[index + 1] === "*") {
      const end = query.indexOf("*/", index + 2);
      index = end === -1 ? query.length : end + 2;
    } else if (char === "'" || char === '"' || char === "`" || char === "[") {
      const close = char === "[" ? "]" : char;
      const end = query.indexOf(close, index + 1);
      // A string literal is a value, a quoted name is a name: neither is a keyword.
      words.push(char === "'" ? "'" : "NAME");
      index = end === -1 ? query.length : end + 1;
    } else if (char === UNKNOWN_SQL) {
      words.push(UNKNOWN_SQL);
      index++;
    } else if (/[A-Za-z_]/.test(char)) {
      let end = index + 1;
      while (end < query.length && /[\w$]/.test(query[end] ?? "")) {
        end++;
      }
      words.push(query.slice(index, end).toUpperCase());
      index = end;
    } else {
      index++;
    }
  }
  finish();
  return statements;
}
