/** A text progress bar for places that only take text: `▰▰▰▰▰▰▱▱▱▱ 12/16`. */
export function progressBar(done: number, total: number, cells = 10): string {
  const filled = total === 0 ? 0 : Math.floor((done / total) * cells);
  return `${'▰'.repeat(filled)}${'▱'.repeat(cells - filled)} ${done}/${total}`;
}
