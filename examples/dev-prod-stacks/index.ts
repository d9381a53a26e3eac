import * as pulumi from "@pulumi/pulumi";
import { Session } from "pulumi-qoder";

// Everything that differs between environments lives in Pulumi.<stack>.yaml.
const config = new pulumi.Config();

const session = new Session(`triage-${pulumi.getStack()}`, {
  agent: config.require("agentId"),
  environmentId: config.require("environmentId"),
  title: config.require("title"),
  metadata: { stack: pulumi.getStack() },
  deletionMode: pulumi.getStack() === "prod" ? "archive" : "delete",
  repositories: [
    {
      url: "https://github.com/acme/backend",
      mountPath: "/data/workspace/backend",
      authorizationToken: config.requireSecret("githubToken"),
    },
    {
      url: "https://github.com/acme/runbooks",
      mountPath: "/data/workspace/runbooks",
      authorizationToken: config.requireSecret("githubToken"),
    },
  ],
});

export const sessionId = session.sessionId;
