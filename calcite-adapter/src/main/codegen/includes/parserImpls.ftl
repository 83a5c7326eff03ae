<#-- Veles grammar additions; included into Calcite's Parser.jj template. -->

/** VECTOR(n): a REAL array of a fixed dimension; a bare VECTOR (in casts) has any dimension. */
SqlTypeNameSpec VectorTypeName() :
{
    final Span s;
    int dimension = SqlVectorTypeNameSpec.ANY_DIMENSION;
}
{
    <VECTOR> { s = span(); }
    [ <LPAREN> dimension = UnsignedIntLiteral() <RPAREN> ]
    {
        return new SqlVectorTypeNameSpec(dimension, s.end(this));
    }
}

/**
 * The binary operators PostgreSQL and pgvector add: "a <-> b" (and <=>, <#>, <+>) become the
 * distance functions, "a :: type" a cast. Called inside Calcite's operator-precedence loop, so
 * precedence comes from the operators (see PgOperators).
 */
void VelesBinaryExpression(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
    final SqlDataTypeSpec type;
}
{
    (
        <VECTOR_L2> { op = PgOperators.L2; }
    |   <VECTOR_COSINE> { op = PgOperators.COSINE; }
    |   <VECTOR_NEG_IP> { op = PgOperators.NEGATIVE_INNER_PRODUCT; }
    |   <VECTOR_L1> { op = PgOperators.L1; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
|
    <INFIX_CAST> { checkNonQueryExpression(exprContext); }
    type = DataType()
    {
        list.add(new SqlParserUtil.ToTreeListItem(PgOperators.CAST, getPos()));
        list.add(type);
    }
}

/**
 * INSERT (with ON CONFLICT), UPDATE and DELETE, each optionally with RETURNING; tried before
 * Calcite's own DML statements, which it calls.
 */
SqlNode VelesDml() :
{
    SqlNode dml;
    final List<SqlNode> items = new ArrayList<SqlNode>();
    final Span s;
}
{
    (
        dml = SqlInsert() [ dml = VelesOnConflict((SqlInsert) dml) ]
    |
        dml = SqlDelete()
    |
        dml = SqlUpdate()
    )
    [
        <RETURNING> { s = span(); }
        AddSelectItem(items) ( <COMMA> AddSelectItem(items) )*
        {
            dml = new SqlReturning(dml.getParserPosition(), dml, new SqlNodeList(items, s.end(this)));
        }
    ]
    {
        return dml;
    }
}

/**
 * ON CONFLICT [(col, ...)] DO NOTHING | DO UPDATE SET col = expr, ... [WHERE cond]. The variants
 * Veles does not support are parsed too and refused when validated, with 0A000.
 */
SqlNode VelesOnConflict(SqlInsert insert) :
{
    final Span s;
    SqlNodeList target = null;
    final List<SqlNode> targetColumns = new ArrayList<SqlNode>();
    SqlNodeList columns = null;
    final List<SqlNode> values = new ArrayList<SqlNode>();
    SqlNode where = null;
    SqlIdentifier id;
    SqlNode e;
    String refusal = null;
}
{
    <ON> { s = span(); } <CONFLICT>
    [
        <LPAREN> id = SimpleIdentifier() { targetColumns.add(id); }
        ( <COMMA> id = SimpleIdentifier() { targetColumns.add(id); } )*
        <RPAREN> { target = new SqlNodeList(targetColumns, s.end(this)); }
        [
            <WHERE> e = Expression(ExprContext.ACCEPT_SUB_QUERY) {
                refusal = "ON CONFLICT (...) WHERE (a partial index predicate) is not supported:"
                    + " Veles has no partial indexes; name the key columns only";
            }
        ]
    |
        <ON> <CONSTRAINT> id = SimpleIdentifier() {
            refusal = "ON CONFLICT ON CONSTRAINT is not supported: name the key columns instead,"
                + " ON CONFLICT (key)";
        }
    ]
    <DO>
    (
        <NOTHING>
    |
        <UPDATE> <SET> { columns = new SqlNodeList(s.pos()); }
        VelesAssignment(columns, values)
        (
            <COMMA> VelesAssignment(columns, values)
        )*
        [ where = Where() ]
    )
    {
        for (SqlNode c : columns == null ? new SqlNodeList(s.pos()) : columns) {
            if (!(c instanceof SqlIdentifier)) {
                refusal = "ON CONFLICT DO UPDATE SET (a, b) = (...) is not supported: assign each"
                    + " column, SET a = ..., b = ...";
            }
        }
        return new SqlOnConflict(s.end(this), insert, target, columns,
            columns == null ? null : new SqlNodeList(values, s.pos()), where, refusal);
    }
}

/** "col = expr", or "(col, ...) = expr" (added as the list of columns, refused later). */
void VelesAssignment(SqlNodeList columns, List<SqlNode> values) :
{
    SqlIdentifier id;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    (
        id = SimpleIdentifier() { columns.add(id); }
    |
        <LPAREN> { final Span s = span(); } id = SimpleIdentifier() { list.add(id); }
        ( <COMMA> id = SimpleIdentifier() { list.add(id); } )*
        <RPAREN> { columns.add(new SqlNodeList(list, s.end(this))); }
    )
    <EQ> AddExpression(values, ExprContext.ACCEPT_SUB_QUERY)
}

/** CALL name(args): rewritten into INSERT INTO "$proc".name VALUES (0, args). */
SqlNode VelesCall() :
{
    final Span s;
    final SqlIdentifier name;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    <CALL> { s = span(); }
    (
        name = CompoundIdentifier()
    |
        // CHECK is a reserved word; CALL check(...) names the integrity check procedure.
        <CHECK> { name = new SqlIdentifier("check", getPos()); }
    )
    <LPAREN>
    [
        e = Expression(ExprContext.ACCEPT_NON_QUERY) { args.add(e); }
        (
            <COMMA> e = Expression(ExprContext.ACCEPT_NON_QUERY) { args.add(e); }
        )*
    ]
    <RPAREN>
    {
        return ProcedureCalls.toInsert(name, args, s.end(this));
    }
}

/**
 * BEGIN / START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT s, ROLLBACK TO [SAVEPOINT] s,
 * RELEASE [SAVEPOINT] s: rewritten into CALL transaction(command, name), which acts on the
 * connection's transaction context.
 */
SqlNode VelesTransaction() :
{
    Span s;
    String op;
    SqlIdentifier name = null;
}
{
    (
        <BEGIN> { s = span(); op = "begin"; } [ <WORK> | <TRANSACTION> ]
    |
        <START> { s = span(); op = "begin"; } <TRANSACTION>
    |
        <COMMIT> { s = span(); op = "commit"; } [ <WORK> | <TRANSACTION> ]
    |
        <ROLLBACK> { s = span(); op = "rollback"; } [ <WORK> | <TRANSACTION> ]
        [ <TO> [ <SAVEPOINT> ] name = SimpleIdentifier() { op = "rollback_to"; } ]
    |
        <SAVEPOINT> { s = span(); op = "savepoint"; } name = SimpleIdentifier()
    |
        <RELEASE> { s = span(); op = "release"; } [ <SAVEPOINT> ] name = SimpleIdentifier()
    )
    {
        return ProcedureCalls.transaction(op, name, s.end(this));
    }
}

/**
 * SHOW TABLES, SHOW COLUMNS FROM t, DESCRIBE [TABLE] t: queries of information_schema.
 */
SqlNode VelesShow() :
{
    SqlIdentifier what;
    SqlIdentifier table;
}
{
    <SHOW> what = SimpleIdentifier()
    (
        ( <FROM> | <IN> ) table = CompoundIdentifier()
        { return ShowCommands.show(what, table); }
    |
        { return ShowCommands.show(what); }
    )
|
    <DESCRIBE> [ <TABLE> ] table = CompoundIdentifier()
    { return ShowCommands.columns(table); }
}

/** CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]. */
SqlCreate SqlCreateVelesExtension(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
}
{
    <EXTENSION> ifNotExists = VelesIfNotExists() name = SimpleIdentifier()
    [ <WITH> ]
    [ <SCHEMA> SimpleIdentifier() ]
    [ <VERSION> StringLiteral() ]
    [ <CASCADE> ]
    {
        return new SqlCreateVelesExtension(s.end(this), ifNotExists, name);
    }
}

boolean VelesIfNotExists() :
{
}
{
    <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean VelesIfExists() :
{
}
{
    <IF> <EXISTS> { return true; }
|
    { return false; }
}

SqlColumnDeclaration VelesColumn() :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    boolean notNull = false;
    boolean primaryKey = false;
    boolean unique = false;
    SqlNode defaultValue = null;
    String identity = null;
    final Span s;
}
{
    name = SimpleIdentifier() { s = span(); }
    type = DataType()
    (
        [ <CONSTRAINT> SimpleIdentifier() ]
        (
            <NOT> <NULL> { notNull = true; }
        |
            <NULL> { notNull = false; }
        |
            <PRIMARY> <KEY> { primaryKey = true; }
        |
            <UNIQUE> { unique = true; }
        |
            <DEFAULT_> defaultValue = Expression(ExprContext.ACCEPT_NON_QUERY)
        |
            <GENERATED>
            (
                <ALWAYS> { identity = "ALWAYS"; }
            |
                <BY> <DEFAULT_> { identity = "BY DEFAULT"; }
            )
            <AS> <IDENTITY>
        )
    )*
    {
        return new SqlColumnDeclaration(s.end(this), name, type, notNull, primaryKey, unique,
            defaultValue, identity);
    }
}

void VelesTableElement(List<SqlNode> columns, List<SqlIdentifier> keys,
    List<List<SqlIdentifier>> uniques) :
{
    SqlColumnDeclaration column;
    SqlIdentifier key;
    List<SqlIdentifier> u;
}
{
    [ <CONSTRAINT> SimpleIdentifier() ]
    (
        <PRIMARY> <KEY> <LPAREN>
        key = SimpleIdentifier() { keys.add(key); }
        ( <COMMA> key = SimpleIdentifier() { keys.add(key); } )*
        <RPAREN>
    |
        <UNIQUE> <LPAREN> { u = new ArrayList<SqlIdentifier>(); }
        key = SimpleIdentifier() { u.add(key); }
        ( <COMMA> key = SimpleIdentifier() { u.add(key); } )*
        <RPAREN> { uniques.add(u); }
    )
|
    column = VelesColumn() { columns.add(column); }
}

void VelesOption(List<SqlNode> opts) :
{
    final SqlIdentifier key;
    final SqlNode value;
}
{
    key = SimpleIdentifier() <EQ>
    (
        value = StringLiteral()
    |
        value = UnsignedNumericLiteral()
    |
        value = SimpleIdentifier()
    )
    {
        opts.add(key);
        opts.add(value);
    }
}

SqlCreate SqlCreateVelesTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlIdentifier> keys = new ArrayList<SqlIdentifier>();
    final List<List<SqlIdentifier>> uniques = new ArrayList<List<SqlIdentifier>>();
    final List<SqlNode> opts = new ArrayList<SqlNode>();
    SqlNodeList names;
    SqlNode query;
}
{
    <TABLE> ifNotExists = VelesIfNotExists() name = CompoundIdentifier()
    (
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        {
            return new SqlCreateVelesTableAs(s.end(this), ifNotExists, name, null, query);
        }
    |
        LOOKAHEAD(<LPAREN> SimpleIdentifier() (<COMMA> | <RPAREN>))
        names = ParenthesizedSimpleIdentifierList()
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        {
            return new SqlCreateVelesTableAs(s.end(this), ifNotExists, name, names, query);
        }
    |
        <LPAREN>
        VelesTableElement(columns, keys, uniques)
        ( <COMMA> VelesTableElement(columns, keys, uniques) )*
        <RPAREN>
        [
            <WITH> <LPAREN>
            VelesOption(opts)
            ( <COMMA> VelesOption(opts) )*
            <RPAREN>
        ]
        {
            return new SqlCreateVelesTable(s.end(this), replace, ifNotExists, name,
                new SqlNodeList(columns, s.pos()), keys, uniques, new SqlNodeList(opts, s.pos()));
        }
    )
}

/** CREATE [OR REPLACE] VIEW name [(column, ...)] AS query. */
SqlCreate SqlCreateVelesView(Span s, boolean replace) :
{
    final SqlIdentifier name;
    SqlNodeList columns = null;
    final SqlNode query;
}
{
    <VIEW> name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateVelesView(s.end(this), replace, name, columns, query);
    }
}

/** DROP VIEW [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
SqlDrop SqlDropVelesView(Span s, boolean replace) :
{
    final boolean ifExists;
    final List<SqlNode> names = new ArrayList<SqlNode>();
    SqlIdentifier name;
}
{
    <VIEW> ifExists = VelesIfExists()
    name = CompoundIdentifier() { names.add(name); }
    ( <COMMA> name = CompoundIdentifier() { names.add(name); } )*
    [ <CASCADE> | <RESTRICT> ]
    {
        return new SqlDropVelesView(s.end(this), ifExists, new SqlNodeList(names, s.pos()));
    }
}

/**
 * ALTER TABLE [IF EXISTS] [ONLY] name, then ADD [COLUMN] [IF NOT EXISTS] column, DROP [COLUMN]
 * [IF EXISTS] c, RENAME [COLUMN] a TO b, RENAME TO t, ALTER [COLUMN] c SET DEFAULT e | DROP DEFAULT
 * | SET NOT NULL | DROP NOT NULL. Any other action is read up to the statement's end and kept by
 * its leading words, so that it is refused as not supported (0A000) instead of a syntax error.
 */
SqlNode VelesAlterTable() :
{
    final Span s;
    boolean ifExists = false;
    final SqlIdentifier name;
    SqlAlterVelesTable.Action action = SqlAlterVelesTable.Action.UNSUPPORTED;
    SqlColumnDeclaration column = null;
    boolean ifColumn = false;
    SqlIdentifier target = null;
    SqlIdentifier newName = null;
    SqlNode value = null;
    String words = null;
}
{
    <ALTER> { s = span(); } <TABLE>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    [ <ONLY> ]
    name = CompoundIdentifier()
    (
        <ADD>
        (
            ( <CONSTRAINT> | <PRIMARY> | <UNIQUE> | <CHECK> | <FOREIGN> | <EXCLUDE> )
            { words = "ADD " + token.image; }
        |
            [ <COLUMN> ]
            [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifColumn = true; } ]
            column = VelesColumn() { action = SqlAlterVelesTable.Action.ADD_COLUMN; }
        )
    |
        <DROP>
        (
            <CONSTRAINT> { words = "DROP CONSTRAINT"; }
        |
            [ <COLUMN> ]
            [ LOOKAHEAD(2) <IF> <EXISTS> { ifColumn = true; } ]
            target = SimpleIdentifier() { action = SqlAlterVelesTable.Action.DROP_COLUMN; }
            [ <CASCADE> | <RESTRICT> ]
        )
    |
        <RENAME>
        (
            <TO> newName = CompoundIdentifier()
            { action = SqlAlterVelesTable.Action.RENAME_TABLE; }
        |
            <CONSTRAINT> { words = "RENAME CONSTRAINT"; }
        |
            [ <COLUMN> ] target = SimpleIdentifier() <TO> newName = SimpleIdentifier()
            { action = SqlAlterVelesTable.Action.RENAME_COLUMN; }
        )
    |
        <ALTER> [ <COLUMN> ] target = SimpleIdentifier()
        (
            <SET>
            (
                <DEFAULT_> value = Expression(ExprContext.ACCEPT_NON_QUERY)
                { action = SqlAlterVelesTable.Action.SET_DEFAULT; }
            |
                <NOT> <NULL> { action = SqlAlterVelesTable.Action.SET_NOT_NULL; }
            |
                <DATA> { words = "ALTER COLUMN ... SET DATA TYPE"; }
            |
                { words = "ALTER COLUMN ... SET " + getToken(1).image; }
            )
        |
            <DROP>
            (
                <DEFAULT_> { action = SqlAlterVelesTable.Action.DROP_DEFAULT; }
            |
                <NOT> <NULL> { action = SqlAlterVelesTable.Action.DROP_NOT_NULL; }
            |
                { words = "ALTER COLUMN ... DROP " + getToken(1).image; }
            )
        |
            { words = "ALTER COLUMN ... " + getToken(1).image; }
        )
    |
        { words = getToken(1).image; }
    )
    {
        if (words != null) {
            // An action Veles lacks: skip the rest of the statement; the executor refuses it.
            while (getToken(1).kind != EOF && getToken(1).kind != SEMICOLON) {
                getNextToken();
            }
            words = words.toUpperCase(Locale.ROOT);
        }
        return new SqlAlterVelesTable(s.end(this), name, ifExists, action, column, ifColumn,
            target, newName, value, words);
    }
}

SqlDrop SqlDropVelesTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <TABLE> ifExists = VelesIfExists() name = CompoundIdentifier()
    {
        return new SqlDropVelesTable(s.end(this), ifExists, name);
    }
}

/**
 * CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON t [USING method]
 * (column [opclass], ...) [WITH (option = value, ...)] [WHERE predicate]: parsed in full, so that
 * what Veles does not support is refused by the DDL executor with 0A000.
 */
SqlCreate SqlCreateVelesIndex(Span s, boolean replace) :
{
    boolean unique = false;
    boolean ifNotExists = false;
    SqlIdentifier name = null;
    final SqlIdentifier table;
    SqlIdentifier method = null;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> opclasses = new ArrayList<SqlNode>();
    final List<SqlNode> opts = new ArrayList<SqlNode>();
    SqlNode where = null;
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX>
    [ <CONCURRENTLY> ]
    [ <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    [ name = SimpleIdentifier() ]
    <ON> table = CompoundIdentifier()
    [ <USING> method = SimpleIdentifier() ]
    <LPAREN> VelesIndexColumn(columns, opclasses)
    ( <COMMA> VelesIndexColumn(columns, opclasses) )*
    <RPAREN>
    [
        <WITH> <LPAREN>
        VelesOption(opts)
        ( <COMMA> VelesOption(opts) )*
        <RPAREN>
    ]
    [ <WHERE> where = Expression(ExprContext.ACCEPT_SUB_QUERY) ]
    {
        return new SqlCreateVelesIndex(s.end(this), replace, unique, ifNotExists, name, table,
            method, new SqlNodeList(columns, s.pos()), new SqlNodeList(opclasses, s.pos()),
            new SqlNodeList(opts, s.pos()), where != null);
    }
}

/**
 * An index column: an expression (only a column name is supported), an optional opclass, and
 * PostgreSQL's optional order (ASC | DESC, NULLS FIRST | LAST), which a sorted index serves in
 * either direction. ASC and DESC are non-reserved, so the opclass must not take them.
 */
void VelesIndexColumn(List<SqlNode> columns, List<SqlNode> opclasses) :
{
    final SqlNode e;
    SqlNode opclass = null;
}
{
    e = Expression(ExprContext.ACCEPT_NON_QUERY)
    [
        LOOKAHEAD(1, { getToken(1).kind != ASC && getToken(1).kind != DESC
            && getToken(1).kind != NULLS })
        opclass = SimpleIdentifier()
    ]
    [ <ASC> | <DESC> ]
    [ <NULLS> ( <FIRST> | <LAST> ) ]
    {
        columns.add(e);
        opclasses.add(opclass == null ? SqlLiteral.createNull(getPos()) : opclass);
    }
}

/** DROP INDEX [CONCURRENTLY] [IF EXISTS] name [CASCADE | RESTRICT]. */
SqlDrop SqlDropVelesIndex(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    <INDEX>
    [ <CONCURRENTLY> ]
    [ <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier()
    [ <CASCADE> | <RESTRICT> ]
    {
        return new SqlDropVelesIndex(s.end(this), ifExists, name);
    }
}

/**
 * TRUNCATE [TABLE] [ONLY] name [, ...] [CONTINUE IDENTITY | RESTART IDENTITY] [CASCADE | RESTRICT],
 * after the TRUNCATE keyword.
 */
SqlTruncate SqlTruncateVelesTable(Span s) :
{
    final List<SqlNode> names = new ArrayList<SqlNode>();
    SqlIdentifier name;
    boolean restartIdentity = false;
}
{
    [ <TABLE> ]
    [ <ONLY> ]
    name = CompoundIdentifier() { names.add(name); }
    ( <COMMA> [ <ONLY> ] name = CompoundIdentifier() { names.add(name); } )*
    [
        <CONTINUE> <IDENTITY>
    |
        <RESTART> <IDENTITY> { restartIdentity = true; }
    ]
    [ <CASCADE> | <RESTRICT> ]
    {
        return new SqlTruncateVelesTable(s.end(this), new SqlNodeList(names, s.pos()),
            restartIdentity);
    }
}
