import type { z } from 'zod';

/** One API method: the zod schema its input must pass, and (as a type only) what it returns. */
export interface MethodSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Never read at run time: carries the output type. */
  output: Output;
}

/** `method<Output>()(inputSchema)`: curried so the output type can be named while the input is inferred. */
export function method<Output>() {
  return <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({
    input,
    output: undefined as unknown as Output,
  });
}
