import { BlockList, isIP } from 'node:net';

/** At most this many entries per key: an allowlist is a handful of servers, not a country. */
export const MAX_ALLOWLIST_ENTRIES = 20;

/** An IPv4 or IPv6 address, or a CIDR block of either; undefined when malformed. */
export function parseAllowlistEntry(
  entry: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, extra] = entry.trim().split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= max ? { address, prefix, family } : undefined;
}

/**
 * Whether `ip` falls in one of the allowlist's addresses or blocks. An empty allowlist allows
 * every address (the key then has a bounded lifetime instead); an unparsable caller address is
 * never allowed by a non-empty one.
 */
export function ipAllowed(allowlist: readonly string[], ip: string): boolean {
  if (allowlist.length === 0) return true;
  const version = isIP(ip);
  if (version === 0) return false;
  const blocks = new BlockList();
  for (const entry of allowlist) {
    const parsed = parseAllowlistEntry(entry);
    if (parsed !== undefined) blocks.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return blocks.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}
