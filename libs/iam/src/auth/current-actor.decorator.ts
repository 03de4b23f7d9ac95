import { createParamDecorator } from '@nestjs/common';
import { Actor, DomainError, RequestContext } from '@health/core';

/** The caller the access guard authenticated; only on routes that are not public. */
export const CurrentActor = createParamDecorator((): Actor => {
  const actor = RequestContext.actor();
  if (!actor) throw DomainError.unauthorized('UNAUTHENTICATED', 'Sign in or send an API key');
  return actor;
});

/** Users and API keys always belong to an organisation; only system actors may lack one. */
export function orgIdOf(actor: Actor): string {
  if (!actor.orgId) throw DomainError.forbidden('PERMISSION_DENIED', 'This operation needs an organisation');
  return actor.orgId;
}
