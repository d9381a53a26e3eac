import * as pulumi from "@pulumi/pulumi";
import { Session } from "pulumi-qoder";

const config = new pulumi.Config();

// The Qoder token comes from the pipeline's secret store as QODER_ACCESS_TOKEN; the GitHub token
// is written into stack config as a secret by the workflow before each run.
const session = new Session("release-notes", {
  agent: "agent_019e390add9f7bac9b6cc806db46fcbd",
  environmentId: "env_019e2590d33f711fabf42f2857cecd8a",
  title: "Draft release notes for every merged pull request",
  repositories: [
    {
      url: "https://github.com/acme/backend",
      mountPath: "/data/workspace/backend",
      authorizationToken: config.requireSecret("githubToken"),
    },
  ],
});

export const sessionId = session.sessionId;
