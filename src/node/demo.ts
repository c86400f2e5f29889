/** The main job: on the embedded data, print the export summary and quality report. */
export async function runDemo(_args: readonly string[]): Promise<void> {
  console.log('participation-effects demo: not yet wired');
}
