import type { InputOf, OperationName, OutputOf } from '../core/contract';
import type { WorkbenchService } from '../service';

/** Runs one operation a command needs to succeed: its value, typed by the contract, or the service's refusal as the command's error (exit 1). */
export async function callOrThrow<Name extends OperationName>(service: WorkbenchService, name: Name, input: InputOf<Name>): Promise<OutputOf<Name>> {
  const result = await service.call(name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as OutputOf<Name>;
}
