import Handlebars from 'handlebars';

// Helpers that Handlebars itself provides; their first word is not a variable.
const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

export interface TemplateCheck {
  /** Variable names the template reads, in order of appearance (first segment of each path). */
  variables: string[];
  /** Parse error, when the text is not a valid template. */
  error?: string;
}

/** Parses inject text as a Handlebars template and lists the variables it uses, without rendering it. */
export function templateVariables(text: string): TemplateCheck {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const parse = /^Parse error on line (\d+):[\s\S]*got '([A-Z_]+)'/.exec(message);
    if (parse) {
      const what = parse[2] === 'EOF' ? 'the text ends inside a {{…}} or a block' : 'unexpected character inside {{…}}';
      return { variables: [], error: `${what} (line ${parse[1]} of the text)` };
    }
    return { variables: [], error: message.split('\n')[0]! };
  }
  const variables: string[] = [];
  const add = (expr: hbs.AST.Expression | undefined): void => {
    if (!expr) return;
    if (expr.type === 'PathExpression') {
      const path = expr as hbs.AST.PathExpression;
      // `this`, `@index`, `../x` refer to the current context, not to a declared variable.
      if (path.data || path.depth > 0 || path.parts.length === 0) return;
      const head = path.parts[0]!;
      if (!variables.includes(head)) variables.push(head);
    } else if (expr.type === 'SubExpression') {
      visitCall(expr as hbs.AST.SubExpression);
    }
  };
  const visitCall = (node: { path: hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }): void => {
    const isHelperCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    const name = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    if (!isHelperCall && !BUILT_IN_HELPERS.has(name)) add(node.path);
    for (const param of node.params) add(param);
    for (const pair of node.hash?.pairs ?? []) add(pair.value);
  };
  const visit = (statements: hbs.AST.Statement[]): void => {
    for (const statement of statements) {
      switch (statement.type) {
        case 'MustacheStatement':
          visitCall(statement as hbs.AST.MustacheStatement);
          break;
        case 'BlockStatement': {
          const block = statement as hbs.AST.BlockStatement;
          visitCall(block);
          // Inside #each/#with the context changes; only top-level names must be declared.
          const name = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
          if (name !== 'each' && name !== 'with') {
            if (block.program) visit(block.program.body);
          }
          if (block.inverse) visit(block.inverse.body);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          break;
      }
    }
  };
  visit(program.body);
  return { variables };
}
