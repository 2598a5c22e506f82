/**
 * Environment variables a checklist may not set (front matter `env:`): each changes how a shell or a
 * program starts, so clicking Run on `echo hello` would run something else. The client bundles this same
 * table and filters again right before it spawns.
 * Names compare case-insensitively: npm reads `npm_config_*`, and a lowercase twin is never worth the risk.
 */

export interface DeniedEnvFamily {
  /** Why a checklist may not set these: "`env:` may not set NAME: <why>". */
  why: string;
  names: readonly string[];
  /** Every name starting with one of these. */
  prefixes: readonly string[];
}

export const DENIED_ENV: readonly DeniedEnvFamily[] = [
  { why: 'bash and sh read and run the file it names before the step', names: ['BASH_ENV', 'ENV', 'ZDOTDIR'], prefixes: [] },
  { why: 'bash imports it as a function that replaces a command', names: [], prefixes: ['BASH_FUNC'] },
  {
    why: 'it changes how bash parses or traces the step (options, word splitting, `cd` targets, a prompt that runs code)',
    names: ['SHELLOPTS', 'BASHOPTS', 'IFS', 'CDPATH', 'GLOBIGNORE', 'PROMPT_COMMAND', 'PS4', 'BASH_XTRACEFD', 'BASH_LOADABLES_PATH'],
    prefixes: [],
  },
  { why: 'it decides which program a command name runs', names: ['PATH'], prefixes: [] },
  {
    why: 'it moves the home folder, whose dotfiles (.gitconfig, .npmrc, .ssh/config) can name programs to run',
    names: ['HOME', 'XDG_CONFIG_HOME'],
    prefixes: [],
  },
  {
    why: 'the dynamic loader loads the libraries it names into every program',
    names: ['GCONV_PATH', 'LOCPATH'],
    prefixes: ['LD_', 'DYLD_'],
  },
  { why: 'git runs programs and reads configuration it names', names: [], prefixes: ['GIT_'] },
  {
    why: 'a language runtime loads the code or options it names at start',
    names: [
      'NODE_OPTIONS',
      'NODE_PATH',
      'PYTHONSTARTUP',
      'PYTHONPATH',
      'PYTHONHOME',
      'PYTHONWARNINGS',
      'PYTHONBREAKPOINT',
      'PYTHONUSERBASE',
      'PERL5OPT',
      'PERL5LIB',
      'PERLLIB',
      'PERL5DB',
      'RUBYOPT',
      'RUBYLIB',
      'JAVA_TOOL_OPTIONS',
      '_JAVA_OPTIONS',
      'JDK_JAVA_OPTIONS',
      'CLASSPATH',
    ],
    prefixes: [],
  },
  {
    why: 'programs run the command it names (to ask for a password, edit, page or open a file)',
    names: ['SSH_ASKPASS', 'SUDO_ASKPASS', 'EDITOR', 'VISUAL', 'PAGER', 'MANPAGER', 'LESSOPEN', 'LESSCLOSE', 'BROWSER', 'SHELL'],
    prefixes: [],
  },
  {
    why: 'it points a tool at configuration that can name programs to run (credential_process, exec plugins, npm scripts, OpenSSL engines)',
    names: ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'KUBECONFIG', 'OPENSSL_CONF', 'OPENSSL_ENGINES'],
    prefixes: ['NPM_CONFIG_'],
  },
  {
    why: 'it changes how host names resolve or how the terminal is driven',
    names: ['LOCALDOMAIN', 'RES_OPTIONS', 'HOSTALIASES', 'TERMINFO', 'TERMINFO_DIRS'],
    prefixes: [],
  },
];

/** Why a checklist may not set `name`, or undefined when it may. */
export function deniedEnvReason(name: string): string | undefined {
  const upper = name.toUpperCase();
  return DENIED_ENV.find((family) => family.names.includes(upper) || family.prefixes.some((prefix) => upper.startsWith(prefix)))?.why;
}
