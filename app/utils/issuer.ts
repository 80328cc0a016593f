/** The issuing body (发文机关署名) of a town's plan. */
export function issuerOf(townName: string): string {
  return `${townName}人民政府`;
}
