import { invalidRequest, missingField } from "../api-error";
import type { CredentialNetworking, InjectionLocation } from "../domain/vault-wire-types";
import { expectObject, expectOneOf, optionalBoolean, paramPath, rejectUnknownFields } from "./json-fields";

/** Most hosts a limited credential networking may list. */
const MAX_ALLOWED_HOSTS = 16;
/** A DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
/** A bare host name, optionally as a `*.` wildcard. */
const HOST_FORM = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*$`);
/** An IPv4 address. */
const IPV4_FORM = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
/** Where the secret's placeholder is replaced when a create says nothing. */
const DEFAULT_INJECTION_LOCATION: InjectionLocation = { body: false, header: true };

/**
 * An environment variable credential's `networking`: `{type: "unrestricted"}` or `{type:
 * "limited", allowed_hosts}`, at most 16 hosts, each a bare host name, an IPv4 address or a `*.`
 * wildcard (no scheme, port, path or IPv6). Required wherever it is parsed.
 */
export function parseCredentialNetworking(value: unknown, param: string): CredentialNetworking {
  if (value === undefined || value === null) throw missingField(param);
  const networking = expectObject(value, param);
  const type = expectOneOf(networking.type, ["unrestricted", "limited"] as const, paramPath(param, "type"));
  if (type === "unrestricted") {
    rejectUnknownFields(networking, ["type"], param);
    return { type };
  }
  rejectUnknownFields(networking, ["type", "allowed_hosts"], param);
  const hostsParam = paramPath(param, "allowed_hosts");
  const hosts = networking.allowed_hosts;
  if (hosts === undefined || hosts === null) throw missingField(hostsParam);
  if (!Array.isArray(hosts)) throw invalidRequest(`Field '${hostsParam}' must be an array of host names.`, hostsParam);
  if (hosts.length > MAX_ALLOWED_HOSTS) throw invalidRequest(`Field '${hostsParam}' lists at most ${MAX_ALLOWED_HOSTS} hosts.`, hostsParam);
  hosts.forEach((host, index) => {
    if (typeof host !== "string" || !isHostOrIpv4(host)) {
      const hostParam = `${hostsParam}[${index}]`;
      throw invalidRequest(
        `Field '${hostParam}' must be a host name, an IPv4 address or a '*.' wildcard, without scheme, port or path.`,
        hostParam,
      );
    }
  });
  return { type, allowed_hosts: [...hosts] };
}

/** A dotted run of digits must be an IPv4 address; anything else a host name or a `*.` wildcard. */
function isHostOrIpv4(host: string): boolean {
  return /^[\d.]+$/.test(host) ? IPV4_FORM.test(host) : HOST_FORM.test(host);
}

/** A create's `injection_location`, resolved: each member not given (or `null`) takes its default (body false, header true). */
export function resolvedInjectionLocation(value: unknown, param: string): InjectionLocation {
  return { ...DEFAULT_INJECTION_LOCATION, ...injectionLocationPatch(value, param) };
}

/** An update's `injection_location`: only the members given (not `null`); absent or `null` → `{}`. */
export function injectionLocationPatch(value: unknown, param: string): Partial<InjectionLocation> {
  if (value === undefined || value === null) return {};
  const location = expectObject(value, param);
  rejectUnknownFields(location, ["body", "header"], param);
  const patch: Partial<InjectionLocation> = {};
  for (const key of ["body", "header"] as const) {
    const given = optionalBoolean(location, key, param);
    if (given !== undefined) patch[key] = given;
  }
  return patch;
}
