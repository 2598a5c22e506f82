/**
 * tree-sitter-bash's syntax tree → the small model of model.ts. The only file that walks tree-sitter nodes;
 * pure (the tree is handed in), so it runs wherever the parser was loaded.
 */
import type { Node } from 'web-tree-sitter';
import type {
  AssignmentKind,
  ShellAssignment,
  ShellCommand,
  ShellRedirect,
  ShellScript,
  ShellVariable,
  ShellWord,
  WordPart,
} from './model.js';
import { assignedByCommand } from './readAssignments.js';

/** `${X:-y}` and kin: the script copes with X unset. */
const DEFAULT_OPERATORS = new Set([':-', '-', ':=', '=', ':+', '+']);
const ARITHMETIC_ASSIGN = /^(?:[-+*/%&|^]|<<|>>)?=$/;
const POSITIONAL = /^\d+$/;
/** Reserved words that cannot start a command: tree-sitter reads a stray `fi` as a command named fi, bash as an error. */
const MISPLACED_RESERVED = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', 'in', '}']);

interface Context {
  inSubstitution: boolean;
  /** Inside `(( ))`, `$(( ))` or a C-style for: `n += 1` assigns n. */
  arithmetic: boolean;
}

const TOP: Context = { inSubstitution: false, arithmetic: false };

export function scriptFromTree(root: Node, text: string): ShellScript {
  return new Reader().read(root, text);
}

class Reader {
  private readonly commands: ShellCommand[] = [];
  private readonly variables: ShellVariable[] = [];
  private readonly assignments: ShellAssignment[] = [];
  private readonly comments: [number, number][] = [];
  private readonly misplaced: number[] = [];

  read(root: Node, text: string): ShellScript {
    this.visit(root, TOP);
    let code = text;
    for (const [start, end] of this.comments) code = code.slice(0, start) + ' '.repeat(end - start) + code.slice(end);
    const errors = [...new Set([...(root.hasError ? errorLines(root) : []), ...this.misplaced])].sort((a, b) => a - b);
    return { commands: this.commands, variables: this.variables, assignments: this.assignments, code, errors };
  }

  /** Any node: commands and words get their own readers; everything else is looked into. */
  private visit(node: Node, ctx: Context): void {
    switch (node.type) {
      case 'comment':
        this.comments.push([node.startIndex, node.endIndex]);
        return;
      case 'command':
        this.command(node, ctx);
        return;
      case 'declaration_command':
      case 'unset_command':
        this.declaration(node, ctx);
        return;
      case 'variable_assignment':
        this.assignment(node, 'assignment', ctx);
        return;
      case 'pipeline':
        this.pipeline(node, ctx);
        return;
      case 'redirected_statement':
        this.redirected(node, ctx);
        return;
      case 'for_statement':
        this.forLoop(node, ctx);
        return;
      case 'c_style_for_statement':
        // `for ((i = 0; …))`: i is the loop's variable.
        for (const child of children(node)) {
          if (child.type === 'variable_assignment') this.assignment(child, 'loop', ctx);
          else this.visit(child, { ...ctx, arithmetic: true });
        }
        return;
      case 'compound_statement':
        // `(( n += 1 ))` is a compound statement opened by `((`.
        this.visitChildren(node, node.child(0)?.type === '((' ? { ...ctx, arithmetic: true } : ctx);
        return;
      case 'binary_expression':
      case 'postfix_expression':
      case 'unary_expression':
        if (ctx.arithmetic) this.arithmeticAssignment(node);
        this.visitChildren(node, ctx);
        return;
      case 'simple_expansion':
      case 'expansion':
      case 'command_substitution':
      case 'process_substitution':
      case 'arithmetic_expansion':
      case 'string':
      case 'concatenation':
        this.word(node, ctx);
        return;
      default:
        this.visitChildren(node, ctx);
    }
  }

  private visitChildren(node: Node, ctx: Context): void {
    for (const child of children(node)) this.visit(child, ctx);
  }

  /** A simple command: prefix assignments, the command word, arguments and redirections, in source order. */
  private command(node: Node, ctx: Context): ShellCommand {
    const command = emptyCommand(node, ctx);
    // Pushed before its words are read, so a command comes before the commands substituted into it.
    this.commands.push(command);
    node.children.forEach((child, i) => {
      if (!child) return;
      const field = node.fieldNameForChild(i);
      if (child.type === 'variable_assignment') {
        const { name, value } = this.assignment(child, 'assignment', ctx);
        if (name !== undefined) command.assignments.push({ name, value });
      } else if (field === 'name') {
        const inner = child.firstChild ?? child;
        const promptName = promptedName(inner);
        if (promptName) {
          command.prompt = true;
          command.words.push(promptName);
        } else command.words.push(this.word(inner, ctx));
        command.line = child.startPosition.row;
        if (inner.type === 'word' && MISPLACED_RESERVED.has(inner.text)) this.misplaced.push(command.line);
      } else if (field === 'argument') command.words.push(this.word(child, ctx));
      else if (field === 'redirect' || child.type.endsWith('_redirect')) this.redirect(child, command, ctx);
      else if (child.isNamed) this.visit(child, ctx);
    });
    for (const assigned of assignedByCommand(command)) this.assignments.push({ ...assigned, line: command.line });
    return command;
  }

  /** `export A=1 B`, `local`, `declare -a L`, `readonly`, `typeset`, `unset A`: a command that names variables. */
  private declaration(node: Node, ctx: Context): void {
    const command = emptyCommand(node, ctx);
    this.commands.push(command);
    const keyword = node.child(0)?.type ?? '';
    for (const [i, child] of children(node).entries()) {
      if (i === 0) command.words.push(literalWord(child));
      else if (child.type === 'variable_assignment') {
        // `export A=1` as the word bash hands export: `A=1`.
        const { value } = this.assignment(child, 'declaration', ctx);
        const head = child.text.slice(0, child.text.indexOf('=') + 1);
        const parts: WordPart[] = [{ kind: 'literal', text: head }, ...(value?.parts ?? [])];
        command.words.push({
          text: child.text,
          value: value && value.value === undefined ? undefined : head + (value?.value ?? ''),
          parts,
          quoted: value?.quoted ?? false,
          line: child.startPosition.row,
        });
      } else if (child.type === 'variable_name') {
        if (keyword !== 'unset') this.assignments.push({ name: child.text, kind: 'declaration', line: child.startPosition.row });
        command.words.push(literalWord(child));
      } else if (child.isNamed) command.words.push(this.word(child, ctx));
    }
  }

  /** `A=1`, `A+=1`, `A[0]=x`: records the name and reads the value. */
  private assignment(node: Node, kind: AssignmentKind, ctx: Context): { name: string | undefined; value: ShellWord | undefined } {
    const target = node.childForFieldName('name');
    const nameNode = target?.type === 'subscript' ? target.childForFieldName('name') : target;
    const index = target?.type === 'subscript' ? target.childForFieldName('index') : null;
    if (index) this.visit(index, ctx);
    const valueNode = node.childForFieldName('value');
    const value = valueNode ? this.word(valueNode, ctx) : undefined;
    if (!nameNode) return { name: undefined, value };
    this.assignments.push({ name: nameNode.text, kind, line: node.startPosition.row });
    return { name: nameNode.text, value };
  }

  /** `n = 1`, `n += 2`, `n++`, `--n` inside arithmetic. */
  private arithmeticAssignment(node: Node): void {
    const operator = node.childForFieldName('operator')?.type ?? '';
    const operand =
      node.type === 'binary_expression'
        ? node.childForFieldName('left')
        : node.namedChildren.find((c) => c?.type === 'variable_name' || c?.type === 'word');
    const assigns = node.type === 'binary_expression' ? ARITHMETIC_ASSIGN.test(operator) : operator === '++' || operator === '--';
    if (assigns && operand && (operand.type === 'variable_name' || operand.type === 'word') && /^[A-Za-z_]\w*$/.test(operand.text)) {
      this.assignments.push({ name: operand.text, kind: 'arithmetic', line: node.startPosition.row });
    }
  }

  /** `a | b | c`: each stage's commands pipe into the first command of the next stage. */
  private pipeline(node: Node, ctx: Context): void {
    const stages: ShellCommand[][] = [];
    for (const child of children(node)) {
      if (!child.isNamed) continue;
      const before = this.commands.length;
      this.visit(child, ctx);
      stages.push(this.commands.slice(before).filter((c) => c.inSubstitution === ctx.inSubstitution));
    }
    linkStages(stages);
  }

  /** A command with redirections, or a pipeline or compound command with them (`{ …; } > log`). */
  private redirected(node: Node, ctx: Context): void {
    const body = node.childForFieldName('body');
    const before = this.commands.length;
    if (body) this.visit(body, ctx);
    const own = this.commands.slice(before).filter((c) => c.inSubstitution === ctx.inSubstitution);
    // Redirections after a pipeline belong to its last command, as in bash.
    const owner = body?.type === 'command' ? own[0] : body?.type === 'pipeline' ? own.at(-1) : undefined;
    for (const child of children(node)) {
      if (child.id === body?.id || !child.isNamed) continue;
      this.redirect(child, owner, ctx);
    }
  }

  private redirect(node: Node, owner: ShellCommand | undefined, ctx: Context): void {
    let redirect: ShellRedirect | undefined;
    if (node.type === 'file_redirect' || node.type === 'herestring_redirect') {
      const operator = children(node).find((c) => !c.isNamed)?.type ?? '';
      const destination = node.childForFieldName('destination') ?? node.namedChildren.find((c) => c?.type !== 'file_descriptor') ?? null;
      redirect = { operator, target: destination ? this.word(destination, ctx) : undefined };
    } else if (node.type === 'heredoc_redirect') {
      redirect = { operator: node.child(0)?.type ?? '<<', target: undefined };
      const quoted = /['"\\]/.test(node.children.find((c) => c?.type === 'heredoc_start')?.text ?? '');
      for (const child of children(node)) {
        if (child.type === 'heredoc_body') {
          // A quoted delimiter (`<<'EOF'`) expands nothing; tree-sitter then has no children in the body anyway.
          if (!quoted) this.visitChildren(child, ctx);
        } else if (child.type === 'pipeline') {
          // `cat <<EOF | sh`: tree-sitter hangs the rest of the pipeline on the here-document.
          const before = this.commands.length;
          this.visit(child, ctx);
          const next = this.commands.slice(before).filter((c) => c.inSubstitution === ctx.inSubstitution);
          if (owner) linkStages([[owner], next]);
        } else if (child.isNamed && child.type !== 'heredoc_start' && child.type !== 'heredoc_end') this.redirect(child, owner, ctx);
      }
    } else {
      this.visit(node, ctx);
      return;
    }
    owner?.redirects.push(redirect);
  }

  /** `for A in …; do …; done` and `select`: A is a loop variable. */
  private forLoop(node: Node, ctx: Context): void {
    node.children.forEach((child, i) => {
      if (!child) return;
      if (node.fieldNameForChild(i) === 'variable')
        this.assignments.push({ name: child.text, kind: 'loop', line: child.startPosition.row });
      else if (node.fieldNameForChild(i) === 'value') this.word(child, ctx);
      else this.visit(child, ctx);
    });
  }

  /** A word as bash sees it after quote removal; records the variables and commands inside it. */
  private word(node: Node, ctx: Context): ShellWord {
    const parts: WordPart[] = [];
    const quoted = this.parts(node, ctx, parts);
    const merged: WordPart[] = [];
    for (const part of parts) {
      const last = merged.at(-1);
      if (part.kind === 'literal' && last?.kind === 'literal') merged[merged.length - 1] = { kind: 'literal', text: last.text + part.text };
      else merged.push(part);
    }
    const value = merged.every((p) => p.kind === 'literal') ? merged.map((p) => (p as { text: string }).text).join('') : undefined;
    return { text: node.text, value, parts: merged, quoted, line: node.startPosition.row };
  }

  /** Appends the parts of `node` to `parts`; returns whether it held quotes or escapes. */
  private parts(node: Node, ctx: Context, parts: WordPart[]): boolean {
    switch (node.type) {
      case 'word':
      case 'number': {
        if (node.namedChildCount > 0) return this.children(node, ctx, parts);
        parts.push({ kind: 'literal', text: unescape(node.text) });
        return node.text.includes('\\');
      }
      case 'raw_string':
        parts.push({ kind: 'literal', text: node.text.slice(1, -1) });
        return true;
      case 'ansi_c_string':
        parts.push({ kind: 'literal', text: ansiC(node.text.slice(2, -1)) });
        return true;
      case 'string':
        for (const child of children(node)) {
          if (child.type === 'string_content') parts.push({ kind: 'literal', text: unescapeDoubleQuoted(child.text) });
          else if (child.isNamed) this.parts(child, ctx, parts);
          else if (child.type !== '"') parts.push({ kind: 'literal', text: child.text });
        }
        return true;
      case 'translated_string':
      case 'concatenation':
        return this.children(node, ctx, parts) || node.type === 'translated_string';
      case 'simple_expansion': {
        const prompt = promptedName(node);
        const name = node.namedChildren[0];
        if (prompt) parts.push({ kind: 'literal', text: node.text });
        else if (name?.type === 'variable_name' && !POSITIONAL.test(name.text)) {
          this.variables.push({ name: name.text, hasDefault: false, line: name.startPosition.row });
          parts.push({ kind: 'variable', name: name.text, plain: true });
        } else parts.push({ kind: 'dynamic', what: 'parameter' });
        return false;
      }
      case 'expansion':
        parts.push(this.expansion(node, ctx));
        return false;
      case 'command_substitution':
      case 'process_substitution':
        this.visitChildren(node, { inSubstitution: true, arithmetic: false });
        parts.push({ kind: 'dynamic', what: node.type === 'command_substitution' ? 'command' : 'process' });
        return false;
      case 'arithmetic_expansion':
        this.visitChildren(node, { ...ctx, arithmetic: true });
        parts.push({ kind: 'dynamic', what: 'arithmetic' });
        return false;
      default:
        // `$` alone, `{`, brace expressions, patterns: their text is what bash sees; look inside for expansions.
        if (node.namedChildCount > 0) return this.children(node, ctx, parts);
        parts.push({ kind: 'literal', text: node.text });
        return false;
    }
  }

  private children(node: Node, ctx: Context, parts: WordPart[]): boolean {
    let quoted = false;
    for (const child of children(node)) quoted = this.parts(child, ctx, parts) || quoted;
    return quoted;
  }

  /** `${…}`: the variable it names, whether it has a default, and what else is inside (`${A:-$B}` uses B). */
  private expansion(node: Node, ctx: Context): WordPart {
    const kids = children(node);
    const nameIndex = kids.findIndex((c) => c.type === 'variable_name' || c.type === 'subscript' || c.type === 'special_variable_name');
    const nameNode =
      nameIndex < 0 ? undefined : kids[nameIndex].type === 'subscript' ? kids[nameIndex].childForFieldName('name') : kids[nameIndex];
    const operators = kids
      .filter((c, i) => !c.isNamed && c.type !== '${' && c.type !== '}' && i !== nameIndex)
      .map((c) => ({ op: c.type, after: kids.indexOf(c) > nameIndex }));
    const prefixed = operators.some((o) => !o.after);
    const hasDefault = !prefixed && DEFAULT_OPERATORS.has(operators.find((o) => o.after)?.op ?? '');
    const named = nameNode?.type === 'variable_name' && !POSITIONAL.test(nameNode.text) ? nameNode : undefined;
    // The variable first, then what the braces hold besides (`${A[$I]:-$B}`: A, I, B), in source order.
    if (named) this.variables.push({ name: named.text, hasDefault, line: named.startPosition.row });
    const index = nameIndex >= 0 && kids[nameIndex].type === 'subscript' ? kids[nameIndex].childForFieldName('index') : null;
    if (index) this.visit(index, ctx);
    for (const [i, child] of kids.entries()) if (i !== nameIndex && child.isNamed) this.visit(child, ctx);
    if (!named) return { kind: 'dynamic', what: 'parameter' };
    // `${!REF}` names the variable REF names: its value is not REF's.
    if (operators.some((o) => o.op === '!' && !o.after)) return { kind: 'dynamic', what: 'parameter' };
    return { kind: 'variable', name: named.text, plain: operators.length === 0 && kids[nameIndex].type === 'variable_name' };
  }
}

function emptyCommand(node: Node, ctx: Context): ShellCommand {
  return {
    words: [],
    assignments: [],
    redirects: [],
    pipesInto: undefined,
    readsPipe: false,
    inSubstitution: ctx.inSubstitution,
    prompt: false,
    line: node.startPosition.row,
  };
}

/** Non-null children (web-tree-sitter types them as nullable). */
function children(node: Node): Node[] {
  return node.children.filter((c): c is Node => c !== null);
}

function literalWord(node: Node): ShellWord {
  return { text: node.text, value: node.text, parts: [{ kind: 'literal', text: node.text }], quoted: false, line: node.startPosition.row };
}

/** `$ aws` copied from a terminal: tree-sitter reads `$aws` with a blank between; that is a prompt and the word `aws`. */
function promptedName(node: Node): ShellWord | undefined {
  if (node.type !== 'simple_expansion') return undefined;
  const dollar = node.child(0);
  const name = node.namedChildren[0];
  if (!dollar || !name || dollar.endIndex === name.startIndex) return undefined;
  return literalWord(name);
}

function linkStages(stages: ShellCommand[][]): void {
  for (let i = 0; i + 1 < stages.length; i++) {
    const next = stages[i + 1][0];
    if (!next) continue;
    for (const command of stages[i]) command.pipesInto ??= next;
    for (const command of stages[i + 1]) command.readsPipe = true;
  }
}

/** Unquoted word: `\x` is x, a backslash-newline joins lines. */
function unescape(text: string): string {
  return text.replace(/\\(\r?\n|.)/gs, (_, c: string) => (c.endsWith('\n') ? '' : c));
}

/** Inside double quotes a backslash escapes only `$`, a backtick, `"`, `\` and a newline. */
function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\]|\r?\n)/g, (_, c: string) => (c.endsWith('\n') ? '' : c));
}

/** `$'…'`: the common escapes; others keep their backslash. */
function ansiC(text: string): string {
  const map: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    a: '\x07',
    b: '\b',
    e: '\x1b',
    E: '\x1b',
    f: '\f',
    v: '\v',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '?': '?',
  };
  return text.replace(/\\(.)/gs, (whole, c: string) => map[c] ?? whole);
}

/** 0-based lines of ERROR and MISSING nodes. */
function errorLines(root: Node): number[] {
  const lines = new Set<number>();
  const walk = (node: Node) => {
    if (node.isError || node.isMissing) lines.add(node.startPosition.row);
    else if (node.hasError) for (const child of children(node)) walk(child);
  };
  walk(root);
  return [...lines].sort((a, b) => a - b);
}
