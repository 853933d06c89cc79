// Minimal typings for the parts of better-sqlite3 v12 the store uses: the package ships no
// types and @types/better-sqlite3 is not a dependency. Extend here when the store needs more.
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    interface Statement<P extends unknown[] = unknown[], R = unknown> {
      readonly source: string;
      run(...params: P): RunResult;
      get(...params: P): R | undefined;
      all(...params: P): R[];
      iterate(...params: P): IterableIterator<R>;
      /** Return only the first column of each row. */
      pluck(on?: boolean): Statement<P, unknown>;
      /** Return rows as arrays instead of objects. */
      raw(on?: boolean): Statement<P, unknown[]>;
    }
    interface Transaction<F extends (...args: never[]) => unknown> {
      (...args: Parameters<F>): ReturnType<F>;
      deferred(...args: Parameters<F>): ReturnType<F>;
      immediate(...args: Parameters<F>): ReturnType<F>;
      exclusive(...args: Parameters<F>): ReturnType<F>;
    }
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      /** Milliseconds to wait on a locked database (sets busy_timeout). @default 5000 */
      timeout?: number;
      verbose?: (message?: unknown, ...rest: unknown[]) => void;
    }
    interface PragmaOptions {
      simple?: boolean;
    }
    interface Database {
      readonly name: string;
      readonly open: boolean;
      readonly inTransaction: boolean;
      readonly readonly: boolean;
      readonly memory: boolean;
      prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R>;
      exec(sql: string): this;
      pragma(sql: string, options?: PragmaOptions): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F>;
      close(): this;
    }
    /** Errors from SQLite carry its extended result code, e.g. 'SQLITE_NOTADB'. */
    interface SqliteError extends Error {
      code: string;
    }
  }
  interface DatabaseConstructor {
    new (filename: string, options?: Database.Options): Database.Database;
    (filename: string, options?: Database.Options): Database.Database;
    readonly SqliteError: new (message: string, code: string) => Database.SqliteError;
  }
  const Database: DatabaseConstructor;
  export = Database;
}
