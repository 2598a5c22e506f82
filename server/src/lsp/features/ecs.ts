/** Core ECS targets (1-based source lines) -> the protocol's (0-based). */
import type { EcsTarget as CoreEcsTarget } from '../../core/ecsTargets.js';
import type { EcsTarget } from '../../protocol/protocol.js';

export function toProtocolEcsTarget(target: CoreEcsTarget): EcsTarget {
  const { source, ...rest } = target;
  return { ...rest, source: source === 'front-matter' ? source : { line: source.line - 1 } };
}
