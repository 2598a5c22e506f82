import type { Format } from './args.js';
import { diffVersions, type DiffReport } from './diffModel.js';
import { EXIT, InputError } from './errors.js';
import { paint } from './format/color.js';
import { diffMarkdown } from './format/diffMarkdown.js';
import { diffText } from './format/diffText.js';
import { loadHistory } from './history.js';
import type { Io } from './io.js';

export interface DiffOptions {
  from: string;
  to?: string;
  format: Format;
}

/** `preflight diff`: exit 0 whether or not anything changed; it describes, it does not judge. */
export async function runDiff(file: string, options: DiffOptions, io: Io): Promise<number> {
  const history = await loadHistory(file, io.cwd, options.from, options.to);
  if (!history.from.exists && !history.to.exists) {
    throw new InputError(
      `"${file}" exists neither at ${options.from} nor at ${options.to ?? 'the working tree'}. Check the path and the revisions.`,
    );
  }
  const last = history.versions[history.versions.length - 1].checklist ?? history.versions[0].checklist;
  const renamed = history.renamedFrom === undefined ? {} : { renamedFrom: history.renamedFrom };
  const report: DiffReport = {
    file,
    path: history.path,
    ...renamed,
    title: last?.title ?? '',
    from: history.from,
    to: history.to,
    ...diffVersions(history.versions),
  };
  if (options.format === 'json') io.out(JSON.stringify(report, null, 2));
  else if (options.format === 'markdown') io.out(diffMarkdown(report));
  else io.out(diffText(report, paint(io.color)));
  return EXIT.ok;
}
