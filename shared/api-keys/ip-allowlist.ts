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

/** `::ffff:a.b.c.d` (how a dual-stack socket may report an IPv4 caller) as `a.b.c.d`. */
const unmapped = (ip: string): string => {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped?.[1] ?? ip;
};

/**
 * Whether `ip` falls in one of the allowlist's addresses or blocks of its own family. An empty
 * allowlist allows every address (the key then has a bounded lifetime instead); an unparsable
 * caller address is never allowed by a non-empty one. IPv6 entries never admit an IPv4 caller:
 * Node's `BlockList` would match one through the IPv4-mapped range, so `::/16` — narrow by its
 * prefix — would open the key to every IPv4 address.
 */
export function ipAllowed(allowlist: readonly string[], ip: string): boolean {
  if (allowlist.length === 0) return true;
  const caller = unmapped(ip);
  const version = isIP(caller);
  if (version === 0) return false;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const blocks = new BlockList();
  for (const entry of allowlist) {
    const parsed = parseAllowlistEntry(entry);
    if (parsed?.family === family) blocks.addSubnet(parsed.address, parsed.prefix, family);
  }
  return blocks.check(caller, family);
}
