/** A progress bar on a terminal (stderr), silence in pipes and CI logs. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number, label: string): void;
  stop(): void;
}

export function progressBar(title: string): Progress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({ format: `${title} {bar} {percentage}% {label}`, hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(100, 0, { label: '' });
  return {
    update: (fraction, label) => bar.update(Math.round(fraction * 100), { label }),
    stop: () => bar.stop(),
  };
}
