/** The stamp every result carries: when, on what Node, on what machine. */
import os from 'node:os';

export interface MachineStamp {
  date: string;
  node: string;
  platform: string;
  cpuModel: string;
  cores: number;
  memoryGb: number;
  loadAverage: number[];
}

export function machineStamp(): MachineStamp {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
