/** Builtins that assign the names given as arguments: `read A B`, `mapfile -t A`, `getopts ab OPT`, `printf -v A`. */
import type { AssignmentKind, ShellCommand } from './model.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const isName = (word: string | undefined): word is string => word !== undefined && NAME.test(word);

export function assignedByCommand(command: ShellCommand): { name: string; kind: AssignmentKind }[] {
  const [first, ...rest] = command.words.map((w) => w.value);
  const args = rest.map((a) => a ?? '');
  const names: string[] = [];
  if (first === 'read') {
    for (let a = 0; a < args.length; a++) {
      const flags = /^-([a-zA-Z]+)$/.exec(args[a])?.[1];
      // -a NAME assigns an array; -d -i -n -N -p -t -u take a value that is not a name.
      if (flags?.endsWith('a') && isName(args[a + 1])) names.push(args[++a]);
      else if (flags && /[diNnptu]$/.test(flags)) a++;
      else if (!flags && isName(args[a])) names.push(args[a]);
    }
  } else if ((first === 'mapfile' || first === 'readarray') && isName(args.at(-1))) names.push(args.at(-1) as string);
  else if (first === 'getopts' && isName(args[1])) names.push(args[1]);
  else if (first === 'printf' && args[0] === '-v' && isName(args[1])) names.push(args[1]);
  return names.map((name) => ({ name, kind: 'read' }));
}
