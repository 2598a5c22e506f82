/**
 * The sign-off commit's message: subject and trailer values come from the checklist (its title, the
 * role's name and id, a typed reason), which may come from someone else's pull request. Each is made one
 * line without control characters, so no text can end the subject early or add a trailer of its own.
 */
import { plainLine } from '../../../server/src/text/plainText';

export interface SignOffMessage {
  subject: string;
  trailers: [string, string][];
}

export function signOffMessage(title: string, role: string, trailers: readonly (readonly [string, string])[]): SignOffMessage {
  return {
    subject: `Sign off "${plainLine(title) || 'Untitled checklist'}": ${plainLine(role)}`,
    trailers: trailers.map(([key, value]) => [key, plainLine(value)]),
  };
}
