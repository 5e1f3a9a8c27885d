import type Database from 'better-sqlite3';

/** An open workspace database. Repositories are free functions over this handle. */
export type Db = Database.Database;
