/**
 * Requests about one open document, registered from one table: each answers from the analysis of the
 * document's current version, or with its fallback when the document is not an open checklist (closed, not
 * matched by `preflight.files`, or the request was cancelled).
 */
import {
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  type CompletionParams,
  type Connection,
  ErrorCodes,
  ResponseError,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type Hover,
  type HoverParams,
} from 'vscode-languageserver';
import { freshRun } from '../core/freshRun.js';
import { dashboardParams } from './argumentShapes.js';
import type { Analysed } from './documents.js';
import { burnUp } from './features/burnUp.js';
import { codeActions } from './features/codeActions.js';
import { codeLenses } from './features/codeLens.js';
import { completions } from './features/completion.js';
import { offsetAt } from './features/convert.js';
import { dashboard } from './features/dashboard.js';
import { foldingRanges } from './features/folding.js';
import { hover } from './features/hover.js';
import { roleAt } from './features/lookup.js';
import { outline } from './features/outline.js';
import { reviewChanges } from './features/reviewChanges.js';
import { signOffStates } from './features/signOffStates.js';
import { documentSymbols } from './features/symbols.js';
import {
  type BurnUp,
  type BurnUpParams,
  BurnUpRequest,
  type Dashboard,
  type DashboardParams,
  DashboardRequest,
  type FreshRun,
  type FreshRunParams,
  FreshRunRequest,
  type Outline,
  type OutlineParams,
  OutlineRequest,
  type ReviewChanges,
  type ReviewChangesParams,
  ReviewChangesRequest,
  type SignOffStates,
  type SignOffStatesParams,
  SignOffStatesRequest,
} from '../protocol/protocol.js';
import type { Registration, ServerContext } from './serverContext.js';

interface DocumentRequest<P, R> {
  /** For the log and for errors: `code lenses`, `preflight/outline`. */
  what: string;
  listen(connection: Connection, handler: (params: P, token: CancellationToken) => Promise<R>): void;
  uriOf(params: P): unknown;
  /** The answer when the document is not an open checklist, and after an internal error. */
  fallback: R;
  answer(analysed: Analysed, params: P, server: ServerContext): R | Promise<R>;
}

/** The one helper for "the analysis of this document, or a fallback". */
export const byDocument =
  <P, R>(request: DocumentRequest<P, R>): Registration =>
  (server) =>
    request.listen(
      server.connection,
      server.guard(request.what, request.fallback, async (params: P, token) => {
        const uri = request.uriOf(params);
        if (typeof uri !== 'string') {
          // Answered as a file that is not a checklist (editors send these requests unasked), and said in the log.
          server.connection.console.warn(
            `Preflight: ${request.what} names no document (its uri is missing); answered with ${JSON.stringify(request.fallback)}.`,
          );
          return request.fallback;
        }
        const analysed = await server.documents.current(uri, token);
        return analysed ? request.answer(analysed, params, server) : request.fallback;
      }),
    );

/** Git is read for sign-off states only in a trusted workspace (the answer then says it was not checked). */
const statesOf = (a: Analysed, server: ServerContext) => () => signOffStates(a.live.checklist, a.uri, server.gitAccess());

export const documentRequests: readonly Registration[] = [
  byDocument<CodeLensParams, CodeLens[]>({
    what: 'code lenses',
    listen: (c, h) => c.onCodeLens(h),
    uriOf: (p) => p?.textDocument?.uri,
    fallback: [],
    answer: (a, _p, server) => codeLenses(a.live.checklist, a.settings, server.clientCommands(), a.uri, a.version),
  }),
  byDocument<DocumentSymbolParams, DocumentSymbol[]>({
    what: 'document symbols',
    listen: (c, h) => c.onDocumentSymbol(h),
    uriOf: (p) => p?.textDocument?.uri,
    fallback: [],
    answer: (a) => documentSymbols(a.live.checklist),
  }),
  byDocument<FoldingRangeParams, FoldingRange[]>({
    what: 'folding ranges',
    listen: (c, h) => c.onFoldingRanges(h),
    uriOf: (p) => p?.textDocument?.uri,
    fallback: [],
    answer: (a) => foldingRanges(a.live.checklist),
  }),
  byDocument<HoverParams, Hover | null>({
    what: 'hover',
    listen: (c, h) => c.onHover(h),
    uriOf: (p) => p?.textDocument?.uri,
    fallback: null,
    answer: async (a, { position }, server) => {
      // Git runs only over a role, once per version (signOffStatesCache.ts).
      const states = roleAt(a.live.checklist, offsetAt(a.live.checklist, position))
        ? await server.roleStates.forVersion(a.uri, a.version, statesOf(a, server))
        : undefined;
      return hover(a.live.checklist, position, undefined, states && ((role) => states.roles[role.id]));
    },
  }),
  byDocument<CompletionParams, CompletionItem[]>({
    what: 'completion',
    listen: (c, h) => c.onCompletion(h),
    uriOf: (p) => p?.textDocument?.uri,
    fallback: [],
    answer: (a, { position }) => completions(a.live.checklist, a.live.text, position),
  }),
  byDocument<CodeActionParams, CodeAction[]>({
    what: 'code actions',
    listen: (c, h) => c.onCodeAction(h),
    uriOf: (p) => p?.textDocument?.uri,
    fallback: [],
    // "Merge with Preflight…" runs git: offered for files in a trusted workspace only.
    answer: (a, { range, context }, server) =>
      codeActions(a.live.checklist, a.live.findings, a.uri, a.version, range, context, {
        merge: server.trusted() && a.uri.startsWith('file:'),
      }),
  }),
  byDocument<OutlineParams, Outline | null>({
    what: OutlineRequest.method,
    listen: (c, h) => c.onRequest(OutlineRequest.type, h),
    uriOf: (p) => p?.uri,
    fallback: null,
    answer: (a) => outline(a.live.checklist, a.uri, a.version),
  }),
  byDocument<SignOffStatesParams, SignOffStates | null>({
    what: SignOffStatesRequest.method,
    listen: (c, h) => c.onRequest(SignOffStatesRequest.type, h),
    uriOf: (p) => p?.uri,
    fallback: null,
    // Always afresh: a commit changes the states without changing the text. Hovers then use these.
    answer: (a, _p, server) => server.roleStates.fresh(a.uri, a.version, statesOf(a, server)),
  }),
  byDocument<ReviewChangesParams, ReviewChanges | null>({
    what: ReviewChangesRequest.method,
    listen: (c, h) => c.onRequest(ReviewChangesRequest.type, h),
    uriOf: (p) => p?.uri,
    fallback: null,
    // The analysed text, saved or not, is the last version; its lines are the ones answered. A missing ref is
    // answered by reviewChanges itself ("not a git ref"), as a ref that starts with `-`.
    answer: (a, { ref }, server) =>
      reviewChanges(a.live.text, a.uri, a.version, typeof ref === 'string' ? ref : '', server.gitAccess(), server.reviewHistories),
  }),
  byDocument<FreshRunParams, FreshRun | null>({
    what: FreshRunRequest.method,
    listen: (c, h) => c.onRequest(FreshRunRequest.type, h),
    uriOf: (p) => p?.uri,
    fallback: null,
    answer: (a) => freshRun(a.live.checklist),
  }),
  byDocument<DashboardParams, Dashboard | null>({
    what: DashboardRequest.method,
    listen: (c, h) => c.onRequest(DashboardRequest.type, h),
    uriOf: (p) => p?.uri,
    fallback: null,
    answer: (a, params) => {
      const checked = dashboardParams(params);
      if ('problem' in checked) throw new ResponseError(ErrorCodes.InvalidParams, `${DashboardRequest.method} ${checked.problem}.`);
      return dashboard(a.live.checklist, a.uri, a.version, checked.args.require, checked.args.failOn);
    },
  }),
  byDocument<BurnUpParams, BurnUp | null>({
    what: BurnUpRequest.method,
    listen: (c, h) => c.onRequest(BurnUpRequest.type, h),
    uriOf: (p) => p?.uri,
    fallback: null,
    answer: (a, _p, server) => burnUp(a.live.checklist, a.uri, a.version, server.gitAccess(), server.burnUps),
  }),
];
