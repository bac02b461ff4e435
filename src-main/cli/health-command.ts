// `health [--profile P] [--json]`: the key-health findings over the cached lists (never calls CloudMC), as the app's Key health view.
import type { CommandEnv } from './command-env';
import { exitCodes } from './exit-codes';
import type { MessageKey } from './messages';
import { jsonText, safeText, table } from './output';
import { resolveProfile } from './resolve-names';

/** Prints the findings of one profile, or of all when `profileRef` is undefined. */
export async function healthCommand(env: CommandEnv, profileRef: string | undefined): Promise<number> {
  const t = env.t;
  const profile = profileRef === undefined ? undefined : await resolveProfile(env, profileRef);
  const found = await env.ctx.services.health.findings(profile?.id);
  // The CLI lists the informational facts with the findings, as it always did (each names its kind).
  const report = { ...found, findings: [...found.findings, ...found.facts] };
  if (env.json) {
    env.stdout.write(
      jsonText({
        computedAt: report.computedAt,
        idleDays: report.idleDays,
        copiesChecked: report.copiesChecked,
        counts: report.counts,
        findings: report.findings.map((f) => ({
          profile: { id: f.profileId, name: f.profileName },
          key: { id: f.keyId, name: f.keyName },
          kind: f.kind,
          values: f.values,
          note: f.note,
        })),
      }),
    );
    return exitCodes.ok;
  }
  if (!report.copiesChecked) env.stderr.write(`${t('health.copies-unchecked')}\n`);
  if (report.findings.length === 0) {
    env.stdout.write(`${t('health.none')}\n`);
    return exitCodes.ok;
  }
  const why = (f: (typeof report.findings)[number]): string => {
    const values = Object.fromEntries(Object.entries(f.values).map(([k, v]) => [k, typeof v === 'string' ? safeText(v) : v]));
    const text = t(`health.why.${f.kind}` as MessageKey, values);
    return f.note ? `${text} ${t('health.note', { note: safeText(f.note) })}` : text;
  };
  env.stdout.write(
    table(
      [t('col.profile'), t('col.name'), t('col.id'), t('col.kind'), t('col.why')],
      report.findings.map((f) => [f.profileName, f.keyName ?? '', f.keyId, t(`health.kind.${f.kind}` as MessageKey), why(f)]),
    ),
  );
  return exitCodes.ok;
}
