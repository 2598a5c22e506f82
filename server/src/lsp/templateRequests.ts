/**
 * Template requests: templates are read from disk by the client, not opened, so these work on the text given
 * rather than on an open document's analysis.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { fillTemplate, newChecklistPath, templateInfo } from '../core/template.js';
import { type FillTemplateParams, type FillTemplateResult, FillTemplateRequest, TemplateInfoRequest } from '../protocol/protocol.js';
import { fillParamsProblem } from './argumentShapes.js';
import type { Registration } from './serverContext.js';

export const templateInfoRequest: Registration = (server) =>
  server.connection.onRequest(TemplateInfoRequest.type, (params) => {
    if (typeof params?.text !== 'string')
      throw new ResponseError(ErrorCodes.InvalidParams, "preflight/templateInfo needs `text`, the template's markdown.");
    try {
      return templateInfo(params.text, typeof params.fileName === 'string' ? params.fileName : '');
    } catch (error) {
      server.log('template info', error);
      throw new ResponseError(ErrorCodes.InternalError, 'Preflight could not read the template (an internal error, see its log).');
    }
  });

export const fillTemplateRequest: Registration = (server) =>
  server.connection.onRequest(
    FillTemplateRequest.type,
    server.guard(
      'fill template',
      { error: 'Preflight could not fill the template (an internal error, see its log).' },
      (params: FillTemplateParams): FillTemplateResult => {
        const problem = fillParamsProblem(params);
        if (problem) return { error: problem };
        const filled = fillTemplate(params.text, params.values);
        if ('error' in filled) return filled;
        return { text: filled.text, path: newChecklistPath(templateInfo(params.text, params.fileName), params.values, params.today) };
      },
    ),
  );
