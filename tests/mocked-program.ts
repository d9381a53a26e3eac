import * as pulumi from "@pulumi/pulumi";

/**
 * Runs the test file's resources under Pulumi's mocks (project "project", stack "stack",
 * organization "organization", which the resource's create identity names): each registered
 * resource gets the id and state `answer` gives it. Returns every registration, in order.
 */
export function mockProgram(answer: (args: pulumi.runtime.MockResourceArgs) => { id: string; state: Record<string, unknown> }) {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return answer(args);
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
    "organization",
  );
  return registered;
}

/** The value of an output once it resolves. */
export function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((value) => done(value)));
}
