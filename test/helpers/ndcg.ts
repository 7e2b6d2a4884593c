/** nDCG@k with gains 2^grade − 1 and log2 discounts. */
export function ndcgAt(k: number, ranked: string[], grades: Record<string, number>): number {
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((title) => grades[title] ?? 0)) / ideal;
}
