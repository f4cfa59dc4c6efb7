/// The database schema as an ordered list of migrations, tracked with `PRAGMA user_version`.
///
/// Migration `n` (1-based) moves a database from version `n-1` to `n`; a new database runs them all.
/// Never edit a shipped migration: append a new one.
enum Schema {
    static let migrations: [String] = [v1, v2, v3, v4, v5, v6]

    /// The version a fully migrated database reports.
    static var currentVersion: Int { migrations.count }

    /// Brings the database up to `currentVersion`, one transaction per migration.
    static func migrate(_ connection: Connection) throws {
        let version = try connection.scalarInt("PRAGMA user_version") ?? 0
        guard version <= currentVersion else {
            throw StoreError.unsupportedSchema(found: version, supported: currentVersion)
        }
        for index in version..<currentVersion {
            try connection.transaction {
                try connection.execute(migrations[index])
                try finish(migration: index + 1, on: connection)
                try connection.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }

    /// The part of migration `number` that SQL cannot express, run after its SQL in the same transaction.
    private static func finish(migration number: Int, on connection: Connection) throws {
        if number == 5 { try packMentions(connection) }
        if number == 6 { try linkSummaryEntities(connection) }
    }

    // Small columns first: SQLite stores a row's columns in order, so list queries that stop before
    // `json_gz` and `raw_gz` never touch their overflow pages. Raw text and JSON are stored gzip
    // (see StoredGzip.swift) with their decompressed sizes.
    static let v1 = """
    CREATE TABLE cables (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        date TEXT NOT NULL,
        year INTEGER,
        origin TEXT,
        station TEXT NOT NULL,
        serial INTEGER NOT NULL,
        classification TEXT,
        subject TEXT,
        partial INTEGER NOT NULL,
        word_count INTEGER NOT NULL,
        raw_hash TEXT NOT NULL,
        json_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        json_size INTEGER NOT NULL,
        raw_size INTEGER NOT NULL,
        json_gz BLOB NOT NULL,
        raw_gz BLOB NOT NULL
    );
    CREATE INDEX cables_by_date ON cables(date, id);
    -- classification rides along so an origin + classification count never reads table rows.
    CREATE INDEX cables_by_origin ON cables(origin COLLATE NOCASE, date, id, classification);
    CREATE INDEX cables_by_classification ON cables(classification, date, id);
    CREATE INDEX cables_by_year ON cables(year);

    CREATE TABLE paragraphs (
        pk INTEGER PRIMARY KEY,
        cable_pk INTEGER NOT NULL,
        position INTEGER NOT NULL,
        number INTEGER NOT NULL,
        classification TEXT,
        text TEXT NOT NULL
    );
    CREATE INDEX paragraphs_by_cable ON paragraphs(cable_pk, position);

    CREATE TABLE tags (code TEXT PRIMARY KEY, kind TEXT, meaning TEXT) WITHOUT ROWID;
    CREATE TABLE cable_tags (
        code TEXT NOT NULL, cable_pk INTEGER NOT NULL, PRIMARY KEY (code, cable_pk)
    ) WITHOUT ROWID;
    CREATE INDEX cable_tags_by_cable ON cable_tags(cable_pk);

    CREATE TABLE cable_caveats (
        caveat TEXT NOT NULL, cable_pk INTEGER NOT NULL, PRIMARY KEY (caveat, cable_pk)
    ) WITHOUT ROWID;
    CREATE INDEX cable_caveats_by_cable ON cable_caveats(cable_pk);

    CREATE TABLE cable_references (
        cable_pk INTEGER NOT NULL,
        position INTEGER NOT NULL,
        label TEXT,
        cited_id TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (cable_pk, position)
    ) WITHOUT ROWID;
    CREATE INDEX cable_references_by_cited ON cable_references(cited_id) WHERE cited_id IS NOT NULL;

    -- Keyed by the cable id, not pk, so history outlives a delete.
    CREATE TABLE cable_versions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        raw_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        raw_size INTEGER NOT NULL,
        raw_gz BLOB NOT NULL
    );
    CREATE INDEX cable_versions_by_id ON cable_versions(id, seq);

    CREATE TABLE entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL) WITHOUT ROWID;
    CREATE INDEX entities_by_name ON entities(name COLLATE NOCASE);
    CREATE TABLE entity_aliases (
        entity_id TEXT NOT NULL, alias TEXT NOT NULL, PRIMARY KEY (entity_id, alias)
    ) WITHOUT ROWID;
    CREATE INDEX entity_aliases_by_alias ON entity_aliases(alias COLLATE NOCASE);
    CREATE TABLE mentions (
        cable_pk INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        surface TEXT NOT NULL,
        entity_id TEXT NOT NULL
    );
    CREATE INDEX mentions_by_entity ON mentions(entity_id, cable_pk);
    CREATE INDEX mentions_by_cable ON mentions(cable_pk);

    -- Kept in step by CableWriter, one INSERT … SELECT per cable rather than a trigger per paragraph
    -- (a cable has ~40 paragraphs; per-row trigger runs were a large share of import time).
    CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
        text, content='paragraphs', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'
    );

    CREATE VIRTUAL TABLE subjects_fts USING fts5(
        subject, content='cables', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER cables_ai AFTER INSERT ON cables BEGIN
        INSERT INTO subjects_fts(rowid, subject) VALUES (new.pk, new.subject);
    END;
    CREATE TRIGGER cables_ad AFTER DELETE ON cables BEGIN
        INSERT INTO subjects_fts(subjects_fts, rowid, subject) VALUES ('delete', old.pk, old.subject);
    END;
    CREATE TRIGGER cables_au AFTER UPDATE OF subject ON cables BEGIN
        INSERT INTO subjects_fts(subjects_fts, rowid, subject) VALUES ('delete', old.pk, old.subject);
        INSERT INTO subjects_fts(rowid, subject) VALUES (new.pk, new.subject);
    END;
    """

    // FTS5 merges segments once `automerge` of them sit on one level (default 4). At 8, each token is
    // rewritten fewer times during a bulk import: 20,000 cables took 32.5 s of CPU instead of 36.4 s.
    // The price: a query may read up to twice as many segments per level.
    static let v2 = """
    INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('automerge', 8);
    """

    // The writer now adds new subjects to `subjects_fts` itself, one statement per transaction (see
    // CableWriter+SearchIndex.swift): an insert trigger made every cable insert flush FTS5's pending
    // terms. Updates and deletes keep their triggers (rare, and they need the old subject).
    // hashsize: FTS5 also flushes when its pending terms pass 1 MiB (the default), several times per
    // import batch; at 16 MiB a batch of 512 cables becomes one segment (fewer merges later).
    static let v3 = """
    DROP TRIGGER cables_ai;
    INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('hashsize', 16777216);
    """

    // Entity rows made cheap to write (Docs/store.md, "Entities"). An entity gets an integer key and
    // keeps its readable id as a unique column; a mention row carries that integer and is clustered
    // by (cable_pk, seq), so a cable's mentions are one range that needs no secondary index; the
    // questions asked by entity (counts, "cables mentioning X", related) read the small per-cable
    // `entity_cables` instead of indexing every mention by entity. The old rows are carried over:
    // `seq` keeps their insertion order, which is the order the API returns a paragraph's mentions in.
    static let v4 = """
    CREATE TABLE entities_keyed (
        pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, name TEXT NOT NULL
    );
    INSERT INTO entities_keyed (id, type, name) SELECT id, type, name FROM entities ORDER BY id;

    CREATE TABLE entity_aliases_keyed (
        entity_pk INTEGER NOT NULL, alias TEXT NOT NULL, PRIMARY KEY (entity_pk, alias)
    ) WITHOUT ROWID;
    INSERT INTO entity_aliases_keyed (entity_pk, alias)
    SELECT k.pk, a.alias FROM entity_aliases a JOIN entities_keyed k ON k.id = a.entity_id;

    CREATE TABLE mentions_keyed (
        cable_pk INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        entity_pk INTEGER NOT NULL,
        surface TEXT NOT NULL,
        PRIMARY KEY (cable_pk, seq)
    ) WITHOUT ROWID;
    INSERT INTO mentions_keyed (cable_pk, seq, paragraph, start, "end", entity_pk, surface)
    SELECT m.cable_pk, row_number() OVER (PARTITION BY m.cable_pk ORDER BY m.rowid) - 1,
           m.paragraph, m.start, m."end", k.pk, m.surface
    FROM mentions m JOIN entities_keyed k ON k.id = m.entity_id;

    CREATE TABLE entity_cables (
        entity_pk INTEGER NOT NULL, cable_pk INTEGER NOT NULL, mentions INTEGER NOT NULL,
        PRIMARY KEY (entity_pk, cable_pk)
    ) WITHOUT ROWID;
    INSERT INTO entity_cables (entity_pk, cable_pk, mentions)
    SELECT entity_pk, cable_pk, count(*) FROM mentions_keyed GROUP BY entity_pk, cable_pk;
    CREATE INDEX entity_cables_by_cable ON entity_cables(cable_pk);

    DROP TABLE mentions;
    DROP TABLE entity_aliases;
    DROP TABLE entities;
    ALTER TABLE entities_keyed RENAME TO entities;
    ALTER TABLE entity_aliases_keyed RENAME TO entity_aliases;
    ALTER TABLE mentions_keyed RENAME TO mentions;
    CREATE INDEX entities_by_name ON entities(name COLLATE NOCASE);
    CREATE INDEX entity_aliases_by_alias ON entity_aliases(alias COLLATE NOCASE);
    """

    // Mentions packed one row per cable (`PackedMentions`): the import writer inserted ~120 rows per
    // cable into `mentions`, its largest cost with entities on. `packMentions` (Schema+Mentions.swift)
    // fills the table from the v4 rows and drops them, in this migration's transaction.
    static let v5 = """
    CREATE TABLE cable_mentions (cable_pk INTEGER PRIMARY KEY, packed BLOB NOT NULL);
    """

    // Every entity of a cable's summary linked to the cable in `entity_cables`, metadata-only ones (the
    // signer, `Classified By`, TAGS) included; `linkSummaryEntities` (Schema+SummaryLinks.swift) reads
    // the summaries from the stored JSON. No table changes.
    static let v6 = """
    SELECT 1;
    """
}
