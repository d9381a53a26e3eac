import * as pulumi from "@pulumi/pulumi";
import { Session } from "pulumi-qoder";

const config = new pulumi.Config();

const session = new Session("backend-fix", {
  agent: config.require("agentId"),
  environmentId: config.require("environmentId"),
  title: "Fix the flaky login test",
  repositories: [
    {
      url: "https://github.com/acme/backend",
      authorizationToken: config.requireSecret("githubToken"),
    },
  ],
});

export const sessionId = session.sessionId;
export const mountedAt = session.mounts.apply((mounts) => mounts[0].mountPath);
