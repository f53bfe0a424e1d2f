/** Installs Debian packages a test needs (the test machines run as root); throws when apt cannot. */
import { execSync } from 'child_process';

export function aptInstall(packages: string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  try {
    execSync(install, { stdio: 'inherit', env });
  } catch {
    execSync(`apt-get update && ${install}`, { stdio: 'inherit', env });
  }
}
