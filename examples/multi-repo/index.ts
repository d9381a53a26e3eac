import * as pulumi from "@pulumi/pulumi";
import { Session } from "pulumi-qoder";

const config = new pulumi.Config();

const session = new Session("full-stack", {
  agent: { id: config.require("agentId"), version: config.requireNumber("agentVersion") },
  environmentId: config.require("environmentId"),
  title: "Add the export button end to end",
  metadata: { team: "web", ticket: "WEB-1234" },
  repositories: [
    {
      url: "https://github.com/acme/frontend",
      mountPath: "/data/workspace/frontend",
      checkout: { branch: "main" },
      authorizationToken: config.requireSecret("frontendToken"),
    },
    {
      url: "https://github.com/acme/backend",
      mountPath: "/data/workspace/backend",
      checkout: { branch: "main" },
      authorizationToken: config.requireSecret("backendToken"),
    },
  ],
});

export const sessionId = session.sessionId;
export const mounts = session.mounts;
