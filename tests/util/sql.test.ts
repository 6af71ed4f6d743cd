import { describe, expect, it } from "vitest";
import { UNKNOWN_SQL, repeatedSqlEffect } from "../../src/util/sql.js";

describe("repeatedSqlEffect", () => {
  it.each([
    ["INSERT INTO t VALUES (1)", { kind: "write", statement: "INSERT" }],
    ["insert or replace into t values (1)", { kind: "write", statement: "INSERT OR REPLACE" }],
    ["INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET v = 1", { kind: "write", statement: "INSERT" }],
    ["REPLACE INTO t VALUES (1)", { kind: "write", statement: "REPLACE" }],
    ["  UPDATE t SET v = 1", { kind: "write", statement: "UPDATE" }],
    ["DELETE FROM t", { kind: "wipe", statement: "DELETE" }],
    ["DROP TABLE IF EXISTS t", { kind: "wipe", statement: "DROP" }],
    ["TRUNCATE t", { kind: "wipe", statement: "TRUNCATE" }],
    ["CREATE TABLE t (id INTEGER)", { kind: "create", statement: "CREATE TABLE" }],
    ["CREATE UNIQUE INDEX i ON t (id)", { kind: "create", statement: "CREATE UNIQUE INDEX" }],
    ["CREATE VIRTUAL TABLE s USING fts5(x)", { kind: "create", statement: "CREATE VIRTUAL TABLE" }],
    ["CREATE TRIGGER g AFTER INSERT ON t BEGIN DELETE FROM u; END", { kind: "create", statement: "CREATE TRIGGER" }],
    ["ALTER TABLE t ADD COLUMN v TEXT", { kind: "alter", statement: "ALTER TABLE" }],
    ["-- wipe\n/* all of it */ DELETE FROM t", { kind: "wipe", statement: "DELETE" }],
    ["CREATE TABLE IF NOT EXISTS t (id); INSERT INTO t VALUES (1)", { kind: "write", statement: "INSERT" }],
    [`DELETE FROM ${UNKNOWN_SQL}`, { kind: "wipe", statement: "DELETE" }],
  ])("%s", (query, effect) => {
    expect(repeatedSqlEffect(query)).toEqual(effect);
  });

  it.each([
    "SELECT * FROM t",
    "SELECT 'DELETE FROM t'",
    'SELECT "delete" FROM t',
    "PRAGMA table_info(t)",
    "CREATE TABLE IF NOT EXISTS t (id INTEGER)",
    "create index if not exists i on t (id)",
    "CREATE TEMP TABLE scratch (id)",
    "INSERT OR IGNORE INTO t VALUES (1)",
    "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING",
    "INSERT INTO t VALUES (1) ON CONFLICT (id) DO NOTHING",
    "CREATE TRIGGER IF NOT EXISTS g AFTER INSERT ON t BEGIN DELETE FROM u; INSERT INTO v VALUES (1); END",
    "WITH old AS (SELECT id FROM t) DELETE FROM t WHERE id IN old",
    `INSERT ${UNKNOWN_SQL} INTO t VALUES (1)`,
    `CREATE TABLE ${UNKNOWN_SQL} t (id)`,
    "-- DELETE FROM t\nSELECT 1",
    "",
  ])("%j changes nothing when it runs again", (query) => {
    expect(repeatedSqlEffect(query)).toBeUndefined();
  });
});
