/**
 * The official SDK's request params for every endpoint the provider calls for agents,
 * environments, vaults, vault credentials and memory stores, transcribed as data in the language
 * of `spec-language.ts`. `source` names the SDK type each spec comes from ("types.ts X"), or for a
 * call without a body the SDK method that makes it. Headers and path parameters (`workspace_id`,
 * `betas`, `vault_id`) never reach the body, so they are not fields here.
 */
import type { ArraySpec, MapSpec, ObjectSpec, Spec, StringSpec, UnionSpec } from "./spec-language";

export { conformance } from "./spec-language";

/** A string field the SDK marks optional and nullable. */
const nullableText: StringSpec = { type: "string", nullable: true };
/** A required string field. */
const requiredText: StringSpec = { type: "string", required: true };
/** An optional, nullable boolean. */
const nullableFlag: Spec = { type: "boolean", nullable: true };
/** An optional, nullable list of strings. */
const nullableNames: ArraySpec = { type: "array", items: { type: "string" }, nullable: true };

/** A string literal tag (a `type` or `name` member), required unless said otherwise. */
function tag(value: string, modifiers: { required?: boolean; nullable?: boolean } = { required: true }): StringSpec {
  return { type: "string", enum: [value], ...modifiers };
}

/** Metadata on create: string keys to string values, nullable as a whole. */
const metadataOnCreate: MapSpec = { type: "map", values: { type: "string" }, nullable: true };
/** Metadata on update: a patch, where a null value deletes its key. */
const metadataPatch: MapSpec = { type: "map", values: { type: "string", nullable: true }, nullable: true };

// ---- Agents -------------------------------------------------------------------------------------

const permissionPolicy: UnionSpec = {
  source: "types.ts ManagedAgentsAlwaysAllowPolicyParam | ManagedAgentsAlwaysAskPolicyParam",
  by: "type",
  nullable: true,
  oneOf: [
    { type: "object", source: "types.ts ManagedAgentsAlwaysAllowPolicyParam", fields: { type: tag("always_allow") } },
    { type: "object", source: "types.ts ManagedAgentsAlwaysAskPolicyParam", fields: { type: tag("always_ask") } },
  ],
};

/** A default config of a tool set: `enabled` and `permission_policy`, both optional. */
function defaultConfig(source: string): ObjectSpec {
  return { type: "object", source, nullable: true, fields: { enabled: nullableFlag, permission_policy: permissionPolicy } };
}

const domains = nullableNames;

/** The per-tool config params of one built-in tool; `name` and `type` both carry the tool's name. */
function toolConfig(tool: string, typeName: string, extra: Record<string, Spec> = {}): ObjectSpec {
  return {
    type: "object",
    source: `types.ts ${typeName}`,
    fields: {
      enabled: nullableFlag,
      permission_policy: permissionPolicy,
      type: tag(tool, { nullable: true }),
      name: tag(tool, { nullable: true }),
      ...extra,
    },
  };
}

const builtInToolConfig: UnionSpec = {
  source: "types.ts ManagedAgentsAgentToolConfigParamsUnion",
  by: "name",
  oneOf: [
    toolConfig("bash", "ManagedAgentsBashToolConfigParams"),
    toolConfig("edit", "ManagedAgentsEditToolConfigParams"),
    toolConfig("read", "ManagedAgentsReadToolConfigParams"),
    toolConfig("write", "ManagedAgentsWriteToolConfigParams"),
    toolConfig("glob", "ManagedAgentsGlobToolConfigParams"),
    toolConfig("grep", "ManagedAgentsGrepToolConfigParams"),
    toolConfig("web_fetch", "ManagedAgentsWebFetchToolConfigParams", {
      max_content_tokens: { type: "number", nullable: true },
      allowed_domains: domains,
      blocked_domains: domains,
    }),
    toolConfig("web_search", "ManagedAgentsWebSearchToolConfigParams", {
      allowed_domains: domains,
      blocked_domains: domains,
      user_location: {
        type: "object",
        source: "types.ts ManagedAgentsUserLocationParam",
        nullable: true,
        fields: {
          type: tag("approximate", { nullable: true }),
          city: nullableText,
          country: nullableText,
          region: nullableText,
          timezone: nullableText,
        },
      },
    }),
  ],
};

const agentToolset: ObjectSpec = {
  type: "object",
  source: "types.ts ManagedAgentsAgentToolset20260401Params",
  fields: {
    type: tag("agent_toolset_20260401"),
    enabled_tools: nullableNames,
    disallowed_tools: nullableNames,
    configs: { type: "array", items: builtInToolConfig, nullable: true },
    default_config: defaultConfig("types.ts ManagedAgentsAgentToolsetDefaultConfigParams"),
  },
};

const mcpToolset: ObjectSpec = {
  type: "object",
  source: "types.ts ManagedAgentsMCPToolsetParams",
  fields: {
    type: tag("mcp_toolset"),
    mcp_server_name: requiredText,
    configs: {
      type: "array",
      nullable: true,
      items: {
        type: "object",
        source: "types.ts ManagedAgentsMCPToolConfigParams",
        fields: { name: requiredText, enabled: nullableFlag, permission_policy: permissionPolicy },
      },
    },
    default_config: defaultConfig("types.ts ManagedAgentsMCPToolsetDefaultConfigParams"),
  },
};

const customTool: ObjectSpec = {
  type: "object",
  source: "types.ts ManagedAgentsCustomToolParams",
  fields: {
    type: tag("custom"),
    name: requiredText,
    description: requiredText,
    input_schema: {
      type: "object",
      source: "types.ts ManagedAgentsCustomToolInputSchemaParam",
      required: true,
      fields: {
        type: tag("object", { nullable: true }),
        properties: { type: "map", values: { type: "json" }, nullable: true },
        required: nullableNames,
      },
      // Any other JSON Schema keyword is sent at the schema's root.
      extra: { type: "json" },
    },
  },
};

const tools: ArraySpec = {
  type: "array",
  nullable: true,
  items: {
    source: "types.ts AgentNewParamsToolUnion / AgentUpdateParamsToolUnion",
    by: "type",
    oneOf: [agentToolset, mcpToolset, customTool],
  },
};

const mcpServers: ArraySpec = {
  type: "array",
  nullable: true,
  items: {
    type: "object",
    source: "types.ts ManagedAgentsURLMCPServerParams",
    fields: { type: tag("url"), name: requiredText, url: requiredText },
  },
};

/** A skill: Qoder's or the organisation's own, with an optional pinned version. */
function skill(kind: string, typeName: string): ObjectSpec {
  return { type: "object", source: `types.ts ${typeName}`, fields: { type: tag(kind), skill_id: requiredText, version: nullableText } };
}

const skills: ArraySpec = {
  type: "array",
  nullable: true,
  items: {
    source: "types.ts ManagedAgentsSkillParamsUnion",
    by: "type",
    oneOf: [skill("qoder", "ManagedAgentsQoderSkillParams"), skill("custom", "ManagedAgentsCustomSkillParams")],
  },
};

const effort: UnionSpec = {
  source: "types.ts ManagedAgentsModelConfigParamsEffortUnion",
  nullable: true,
  oneOf: [
    { type: "string" },
    {
      type: "object",
      source: "types.ts ManagedAgentsEffort{Low,Medium,High,Xhigh,Max}Param",
      fields: { type: { type: "string", enum: ["low", "medium", "high", "xhigh", "max"], required: true } },
    },
  ],
};

const model: UnionSpec = {
  source: "types.ts ManagedAgentsModelConfigParams",
  oneOf: [
    { type: "string" },
    {
      type: "object",
      source: "types.ts ManagedAgentsModelConfigParams (object form)",
      fields: {
        id: requiredText,
        context_window: { type: "number", nullable: true },
        inference_geo: nullableText,
        effort,
        speed: { type: "string", enum: ["standard", "fast"], nullable: true },
      },
    },
  ],
};

const multiagent: ObjectSpec = {
  type: "object",
  source: "types.ts ManagedAgentsMultiagentParams",
  nullable: true,
  fields: {
    type: tag("coordinator"),
    agents: {
      type: "array",
      required: true,
      items: {
        source: "types.ts ManagedAgentsMultiagentParams agents entry",
        oneOf: [
          { type: "string" },
          {
            type: "object",
            source: "types.ts ManagedAgentsMultiagentParams agents entry (agent reference)",
            fields: { type: tag("agent"), id: requiredText, version: { type: "number", integer: true, nullable: true } },
          },
          { type: "object", source: "types.ts ManagedAgentsMultiagentSelfParams", fields: { type: tag("self") } },
          { type: "object", source: "types.ts ManagedAgentsAdvisorParams", fields: { type: tag("advisor"), model: requiredText } },
        ],
      },
    },
  },
};

/** `POST /agents`. */
export const agentCreate: ObjectSpec = {
  type: "object",
  source: "types.ts AgentCreateParams (= AgentNewParams)",
  fields: {
    name: requiredText,
    model: { ...model, required: true },
    description: nullableText,
    system: nullableText,
    mcp_servers: mcpServers,
    metadata: metadataOnCreate,
    multiagent,
    skills,
    tools,
  },
};

/** `POST /agents/{id}`: every field optional; `name` and `model` cannot be null. */
export const agentUpdate: ObjectSpec = {
  type: "object",
  source: "types.ts AgentUpdateParams",
  fields: {
    name: { type: "string" },
    model,
    description: nullableText,
    system: nullableText,
    version: { type: "number", integer: true, nullable: true },
    mcp_servers: mcpServers,
    metadata: metadataPatch,
    multiagent,
    skills,
    tools,
  },
};

// ---- Environments -------------------------------------------------------------------------------

const networking: UnionSpec = {
  source: "types.ts UnrestrictedNetworkParam | LimitedNetworkParams",
  by: "type",
  nullable: true,
  oneOf: [
    { type: "object", source: "types.ts UnrestrictedNetworkParam", fields: { type: tag("unrestricted", { nullable: true }) } },
    {
      type: "object",
      source: "types.ts LimitedNetworkParams",
      fields: {
        type: tag("limited", { nullable: true }),
        allowed_hosts: nullableNames,
        allow_package_managers: nullableFlag,
        allow_mcp_servers: nullableFlag,
      },
    },
  ],
};

const packages: ObjectSpec = {
  type: "object",
  source: "types.ts PackagesParams",
  nullable: true,
  fields: {
    type: tag("packages", { nullable: true }),
    apt: nullableNames,
    cargo: nullableNames,
    gem: nullableNames,
    go: nullableNames,
    npm: nullableNames,
    pip: nullableNames,
  },
};

const environmentConfig: UnionSpec = {
  source: "types.ts CloudConfigParams | SelfHostedConfigParams",
  by: "type",
  nullable: true,
  oneOf: [
    {
      type: "object",
      source: "types.ts CloudConfigParams",
      fields: { type: tag("cloud", { nullable: true }), networking, packages, setup_script: nullableText },
    },
    { type: "object", source: "types.ts SelfHostedConfigParams", fields: { type: tag("self_hosted", { nullable: true }) } },
  ],
};

const scope: StringSpec = { type: "string", enum: ["organization", "account"], nullable: true };

/** `POST /environments`. */
export const environmentCreate: ObjectSpec = {
  type: "object",
  source: "types.ts EnvironmentCreateParams (= EnvironmentNewParams)",
  fields: { name: requiredText, description: nullableText, config: environmentConfig, scope, metadata: metadataOnCreate },
};

/** `POST /environments/{id}`. */
export const environmentUpdate: ObjectSpec = {
  type: "object",
  source: "types.ts EnvironmentUpdateParams",
  fields: { name: nullableText, description: nullableText, config: environmentConfig, scope, metadata: metadataPatch },
};

// ---- Vaults and their credentials ---------------------------------------------------------------

/** `POST /vaults`. The SDK has no vault update. */
export const vaultCreate: ObjectSpec = {
  type: "object",
  source: "types.ts VaultCreateParams (= VaultNewParams)",
  fields: { display_name: requiredText, metadata: metadataOnCreate },
};

/** Where a credential's secret may be sent; `type` is required in both variants. */
function credentialNetworking(modifiers: { required?: boolean; nullable?: boolean }): UnionSpec {
  return {
    source: "types.ts ManagedAgentsCredentialNetworkingParamsUnion",
    by: "type",
    ...modifiers,
    oneOf: [
      { type: "object", source: "types.ts ManagedAgentsUnrestrictedCredentialNetworkingParams", fields: { type: tag("unrestricted") } },
      {
        type: "object",
        source: "types.ts ManagedAgentsLimitedCredentialNetworkingParams",
        fields: { type: tag("limited"), allowed_hosts: { type: "array", items: { type: "string" }, required: true } },
      },
    ],
  };
}

/** Whether the secret's placeholder is replaced in a request body and in header values. */
function injectionLocation(typeName: string): ObjectSpec {
  return { type: "object", source: `types.ts ${typeName}`, nullable: true, fields: { body: nullableFlag, header: nullableFlag } };
}

/** How a refreshed OAuth token authenticates at the token endpoint, on create or on update. */
function tokenEndpointAuth(onUpdate: boolean): UnionSpec {
  const secret = onUpdate ? nullableText : requiredText;
  const suffix = onUpdate ? "UpdateParam" : "Param";
  const variants: ObjectSpec[] = [
    {
      type: "object",
      source: `types.ts ManagedAgentsTokenEndpointAuthBasic${suffix}`,
      fields: { type: tag("client_secret_basic"), client_secret: secret },
    },
    {
      type: "object",
      source: `types.ts ManagedAgentsTokenEndpointAuthPost${suffix}`,
      fields: { type: tag("client_secret_post"), client_secret: secret },
    },
  ];
  if (!onUpdate)
    variants.unshift({ type: "object", source: "types.ts ManagedAgentsTokenEndpointAuthNoneParam", fields: { type: tag("none") } });
  return {
    source: `types.ts token_endpoint_auth (${onUpdate ? "update" : "create"})`,
    by: "type",
    oneOf: variants,
    ...(onUpdate ? { nullable: true } : { required: true }),
  };
}

const authOnCreate: UnionSpec = {
  source: "types.ts VaultCredentialNewParamsAuthUnion",
  by: "type",
  required: true,
  oneOf: [
    {
      type: "object",
      source: "types.ts ManagedAgentsStaticBearerCreateParams",
      fields: { type: tag("static_bearer"), mcp_server_url: requiredText, token: requiredText },
    },
    {
      type: "object",
      source: "types.ts ManagedAgentsMCPOAuthCreateParams",
      fields: {
        type: tag("mcp_oauth"),
        mcp_server_url: requiredText,
        access_token: requiredText,
        expires_at: nullableText,
        refresh: {
          type: "object",
          source: "types.ts ManagedAgentsMCPOAuthRefreshParams",
          nullable: true,
          fields: {
            client_id: requiredText,
            refresh_token: requiredText,
            token_endpoint: requiredText,
            token_endpoint_auth: tokenEndpointAuth(false),
            resource: nullableText,
            scope: nullableText,
          },
        },
      },
    },
    {
      type: "object",
      source: "types.ts ManagedAgentsEnvironmentVariableCreateParams",
      fields: {
        type: tag("environment_variable"),
        secret_name: requiredText,
        secret_value: requiredText,
        networking: credentialNetworking({ required: true }),
        injection_location: injectionLocation("ManagedAgentsInjectionLocationParams"),
      },
    },
  ],
};

/** On update, `auth` carries only what can change: never `mcp_server_url` nor `secret_name`. */
const authOnUpdate: UnionSpec = {
  source: "types.ts VaultCredentialUpdateParamsAuthUnion",
  by: "type",
  nullable: true,
  oneOf: [
    {
      type: "object",
      source: "types.ts ManagedAgentsStaticBearerUpdateParams",
      fields: { type: tag("static_bearer"), token: nullableText },
    },
    {
      type: "object",
      source: "types.ts ManagedAgentsMCPOAuthUpdateParams",
      fields: {
        type: tag("mcp_oauth"),
        access_token: nullableText,
        expires_at: nullableText,
        refresh: {
          type: "object",
          source: "types.ts ManagedAgentsMCPOAuthRefreshUpdateParams",
          nullable: true,
          fields: { refresh_token: nullableText, scope: nullableText, token_endpoint_auth: tokenEndpointAuth(true) },
        },
      },
    },
    {
      type: "object",
      source: "types.ts ManagedAgentsEnvironmentVariableUpdateParams",
      fields: {
        type: tag("environment_variable"),
        secret_value: nullableText,
        networking: credentialNetworking({ nullable: true }),
        injection_location: injectionLocation("ManagedAgentsInjectionLocationUpdateParams"),
      },
    },
  ],
};

/** `POST /vaults/{id}/credentials`. */
export const credentialCreate: ObjectSpec = {
  type: "object",
  source: "types.ts VaultCredentialCreateParams (= VaultCredentialNewParams)",
  fields: { auth: authOnCreate, display_name: nullableText, metadata: metadataOnCreate },
};

/** `POST /vaults/{id}/credentials/{credential_id}`. */
export const credentialUpdate: ObjectSpec = {
  type: "object",
  source: "types.ts VaultCredentialUpdateParams",
  fields: { auth: authOnUpdate, display_name: nullableText, metadata: metadataPatch },
};

// ---- Memory stores ------------------------------------------------------------------------------

/** `POST /memory_stores`. */
export const memoryStoreCreate: ObjectSpec = {
  type: "object",
  source: "types.ts MemoryStoreCreateParams (= MemoryStoreNewParams)",
  fields: { name: requiredText, description: nullableText, metadata: metadataOnCreate },
};

/** `POST /memory_stores/{id}`. */
export const memoryStoreUpdate: ObjectSpec = {
  type: "object",
  source: "types.ts MemoryStoreUpdateParams",
  fields: { name: nullableText, description: nullableText, metadata: metadataPatch },
};

// ---- Every endpoint the provider calls ----------------------------------------------------------

/** One endpoint: method, path (`{}` stands for one id segment), its body's spec and the SDK source. */
export interface EndpointSpec {
  method: "GET" | "POST" | "DELETE";
  path: string;
  body: Spec;
  source: string;
}

/** A call whose params supply only headers and path ids: the SDK sends it without a body. */
function bodiless(method: EndpointSpec["method"], path: string, source: string): EndpointSpec {
  return { method, path, body: { type: "none" }, source };
}

/** Every endpoint of the five kinds the provider calls, with what the SDK sends as its body. */
export const ENDPOINTS: readonly EndpointSpec[] = [
  { method: "POST", path: "/agents", body: agentCreate, source: agentCreate.source },
  { method: "POST", path: "/agents/{}", body: agentUpdate, source: agentUpdate.source },
  bodiless("GET", "/agents", "resources/agent.ts list (AgentListParams: query only)"),
  bodiless("GET", "/agents/{}", "resources/agent.ts retrieve (AgentGetParams: query only)"),
  bodiless("POST", "/agents/{}/archive", "resources/agent.ts archive (AgentArchiveParams: headers only)"),
  { method: "POST", path: "/environments", body: environmentCreate, source: environmentCreate.source },
  { method: "POST", path: "/environments/{}", body: environmentUpdate, source: environmentUpdate.source },
  bodiless("GET", "/environments", "resources/environment.ts list (query only)"),
  bodiless("GET", "/environments/{}", "resources/environment.ts retrieve"),
  bodiless("DELETE", "/environments/{}", "resources/environment.ts delete"),
  bodiless("POST", "/environments/{}/archive", "resources/environment.ts archive"),
  { method: "POST", path: "/vaults", body: vaultCreate, source: vaultCreate.source },
  bodiless("GET", "/vaults", "resources/vault.ts list (query only)"),
  bodiless("GET", "/vaults/{}", "resources/vault.ts retrieve"),
  bodiless("DELETE", "/vaults/{}", "resources/vault.ts delete"),
  bodiless("POST", "/vaults/{}/archive", "resources/vault.ts archive"),
  { method: "POST", path: "/vaults/{}/credentials", body: credentialCreate, source: credentialCreate.source },
  { method: "POST", path: "/vaults/{}/credentials/{}", body: credentialUpdate, source: credentialUpdate.source },
  bodiless("GET", "/vaults/{}/credentials", "resources/vault-credential.ts list (query only)"),
  bodiless("GET", "/vaults/{}/credentials/{}", "resources/vault-credential.ts retrieve"),
  bodiless("DELETE", "/vaults/{}/credentials/{}", "resources/vault-credential.ts delete"),
  bodiless("POST", "/vaults/{}/credentials/{}/archive", "resources/vault-credential.ts archive"),
  { method: "POST", path: "/memory_stores", body: memoryStoreCreate, source: memoryStoreCreate.source },
  { method: "POST", path: "/memory_stores/{}", body: memoryStoreUpdate, source: memoryStoreUpdate.source },
  bodiless("GET", "/memory_stores", "resources/memory-store.ts list (query only)"),
  bodiless("GET", "/memory_stores/{}", "resources/memory-store.ts retrieve"),
  bodiless("DELETE", "/memory_stores/{}", "resources/memory-store.ts delete"),
  bodiless("POST", "/memory_stores/{}/archive", "resources/memory-store.ts archive"),
];

/** True when `path` (without a query) has the segments of `pattern`, `{}` matching any one segment. */
function matches(pattern: string, path: string): boolean {
  const want = pattern.split("/");
  const got = path.split("/");
  return want.length === got.length && want.every((segment, i) => segment === "{}" || segment === got[i]);
}

/** The SDK endpoint a request goes to, or undefined when the SDK has none for it. */
export function endpointOf(method: string, path: string): EndpointSpec | undefined {
  return ENDPOINTS.find((endpoint) => endpoint.method === method && matches(endpoint.path, path));
}
