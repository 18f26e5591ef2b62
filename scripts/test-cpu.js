// Preloaded into each test process by `TEST_PROFILE=1 npm test`: when the process exits, writes
// the CPU seconds it used, its own and those of every child it waited for (the CLI builds, git,
// chromium, python kernels), to the file named by BP_TEST_CPU_FILE. CPU time, unlike wall time,
// hardly depends on what else the machine runs. Linux reads it from /proc; elsewhere only the
// process's own time is known.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.BP_TEST_CPU_FILE;

function cpuSeconds() {
  try {
    // Fields after the command name: utime stime cutime cstime are the 12th to 15th, in ticks
    // (100 per second on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return { self: (utime + stime) / 100, children: (cutime + cstime) / 100 };
  } catch {
    const { user, system } = process.cpuUsage();
    return { self: (user + system) / 1e6, children: 0 };
  }
}

if (file) process.once('exit', () => writeFileSync(file, JSON.stringify(cpuSeconds())));
