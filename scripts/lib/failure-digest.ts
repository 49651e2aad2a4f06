// Why a file failed, in a few lines for the end of the run: CI shows only the run's last lines, and
// the per-file output with the assertions scrolled away among hundreds of files.

/** Lines of one failing test kept: its name and the start of its error (stack and dump dropped). */
const ERROR_LINES = 8;

/**
 * From one file's `node --test` spec output: each failing test with the first lines of its error.
 * A file that ended without the section (a crash, a deadline) gives its last lines instead.
 */
export function failureDigest(output: string, maxLines = 40): string[] {
  const lines = output.split('\n');
  const start = lines.map((l) => l.startsWith('✖ failing tests:')).lastIndexOf(true);
  if (start < 0) return lines.filter((l) => l.trim() !== '').slice(-Math.min(maxLines, 15));
  const digest: string[] = [];
  let kept = 0;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('✖ ')) {
      digest.push(line);
      kept = 0;
    } else if (/^\s+at /.test(line)) {
      // The error's text ends where its stack begins.
      kept = ERROR_LINES;
    } else if (kept < ERROR_LINES && line.trim() !== '' && !line.startsWith('test at ')) {
      // Or where the dump of its fields begins (`{`): it repeats what the message said.
      const dumpStarts = /\s*\{\s*$/;
      digest.push(line.replace(dumpStarts, ''));
      kept = dumpStarts.test(line) ? ERROR_LINES : kept + 1;
    }
  }
  return digest.length > maxLines
    ? [...digest.slice(0, maxLines), `  … ${digest.length - maxLines} more lines`]
    : digest;
}
