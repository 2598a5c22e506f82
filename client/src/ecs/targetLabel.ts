/** How an ECS target reads everywhere: `vivr-prod/vivr-app`. No SDK and no node here: the tree uses it on the web too. */
export function targetLabel(target: { cluster: string; service: string }): string {
  return `${target.cluster}/${target.service}`;
}
