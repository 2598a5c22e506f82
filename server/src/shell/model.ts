/**
 * What Preflight reads out of a shell step: a small model derived from tree-sitter-bash's syntax tree
 * (fromTree.ts). The danger table, the variable scanner and the `aws ecs` extraction read this model,
 * never the tree, so the node walking stays in this folder.
 */

/** One piece of a word. */
export type WordPart =
  /** Text as bash has it after quote removal (`r''m` → `rm`, `"a b"` → `a b`, `\$X` → `$X`). */
  | { kind: 'literal'; text: string }
  /** `$NAME` or `${NAME}` (plain), or `${NAME…}` with an operator (`${NAME:-x}`, `${#NAME}`): not plain. */
  | { kind: 'variable'; name: string; plain: boolean }
  /** Known only when run: `$(…)`, backticks, `<(…)`, `$((…))`, `$1`, `$@`, `${!REF}`, … */
  | { kind: 'dynamic'; what: 'command' | 'process' | 'arithmetic' | 'parameter' };

export interface ShellWord {
  /** As written in the script. */
  text: string;
  /** The word after quote removal, when every part is literal; undefined when it holds an expansion. */
  value: string | undefined;
  parts: WordPart[];
  /** Quotes or backslashes in the word: `r''m`, `\rm`, `"rm"`. */
  quoted: boolean;
  /** 0-based line in the script where the word starts. */
  line: number;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `2>&1`'s `>&`, `<<`, `<<<`, … */
  operator: string;
  /** The file (or here-string); undefined for a here-document. */
  target: ShellWord | undefined;
}

/** A simple command: assignments, then the command word and its arguments, as bash would run it. */
export interface ShellCommand {
  /** The command word first, then the arguments; empty when the command only assigns (`A=1 >log`). */
  words: ShellWord[];
  /** `A=1` words before the command word. */
  assignments: { name: string; value: ShellWord | undefined }[];
  redirects: ShellRedirect[];
  /** The command the output of this one is piped into (`curl x | sh`: curl's is sh). */
  pipesInto: ShellCommand | undefined;
  /** Its standard input is a pipe from the command before it. */
  readsPipe: boolean;
  /** Inside `$(…)`, backticks or `<(…)`. */
  inSubstitution: boolean;
  /** Written after a prompt, as in `$ aws ecs …` copied from a terminal (tree-sitter reads `$ aws` as `$aws`). */
  prompt: boolean;
  /** 0-based line of the command word (or of the first word). */
  line: number;
}

/** How the script gives a variable a value. */
export type AssignmentKind =
  /** `A=1`, `A+=1`, `A[0]=x`, and `A=1 cmd` for that one command. */
  | 'assignment'
  /** `export A`, `local A=1`, `declare -a A`, `readonly A`, `typeset A`. */
  | 'declaration'
  /** `for A in …`, `select A in …`, `for ((i = 0; …))`. */
  | 'loop'
  /** `read A`, `mapfile A`, `readarray A`, `getopts … A`, `printf -v A`. */
  | 'read'
  /** `(( n += 1 ))`, `$(( n = 2 ))`. */
  | 'arithmetic';

export interface ShellAssignment {
  name: string;
  kind: AssignmentKind;
  line: number;
}

/** A parameter expansion of a named variable (not `$1`, `$@`, `$?`, …). */
export interface ShellVariable {
  name: string;
  /** `${X:-y}`, `${X-y}`, `${X:=y}`, `${X=y}`, `${X:+y}`, `${X+y}`: the script copes with X unset. */
  hasDefault: boolean;
  line: number;
}

export interface ShellScript {
  /** Every simple command in source order, those inside substitutions, loops, conditions and functions too. */
  commands: ShellCommand[];
  /** Every expansion of a named variable, in source order (here-document bodies that expand included). */
  variables: ShellVariable[];
  /** Every name the script assigns, in source order. */
  assignments: ShellAssignment[];
  /** The script with its comments blanked out (same length, same lines): for rules that read words in text. */
  code: string;
  /** 0-based lines where bash would find a syntax error (an unterminated quote, a stray `fi`); empty when none. */
  errors: number[];
}

/** Reads shell text; never throws, whatever the text (errors are in `ShellScript.errors`). */
export interface ShellParser {
  parse(text: string): ShellScript;
}
