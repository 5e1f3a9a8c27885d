import type { Handlers } from '../core/contract';
import * as processors from '../db/repositories/processors';
import { notFound, writeWithLog, type ServiceContext } from './session';

type ProcessorHandlers = Pick<Handlers, 'listProcessors' | 'getProcessor' | 'createProcessor' | 'updateProcessor'>;

export function processorHandlers(context: ServiceContext): ProcessorHandlers {
  const load = (id: string) => {
    const processor = processors.getProcessor(context.db(), id);
    if (!processor) throw notFound('processor', id);
    return processor;
  };
  return {
    listProcessors: () => processors.listProcessors(context.db()),
    getProcessor: ({ id }) => load(id),
    createProcessor: (input) => {
      const id = context.newId();
      writeWithLog(context, (log) => {
        processors.insertProcessor(context.db(), id, input, context.now());
        const { activities: _activities, activityCount: _activityCount, ...stored } = load(id);
        log('processor', id, 'create', null, stored);
      });
      const { activities: _activities, ...processor } = load(id);
      return processor;
    },
    updateProcessor: ({ id, changes }) => {
      const { activities: _before, activityCount: _beforeCount, ...before } = load(id);
      writeWithLog(context, (log) => {
        processors.updateProcessor(context.db(), id, changes, context.now());
        const { activities: _after, activityCount: _afterCount, ...after } = load(id);
        log('processor', id, 'update', before, after);
      });
      const { activities: _activities, ...processor } = load(id);
      return processor;
    },
  };
}
