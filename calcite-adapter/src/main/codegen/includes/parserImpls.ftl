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
}
{
    <TABLE> ifNotExists = VelesIfNotExists() name = CompoundIdentifier()
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
