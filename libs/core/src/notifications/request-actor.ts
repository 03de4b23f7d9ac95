import { createParamDecorator } from '@nestjs/common';
import { Actor, RequestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';

/** The caller's organisation and id, from the actor the access guard authenticated. */
export interface OrgActor {
  orgId: string;
  actor: Actor;
}

/** Like iam's `CurrentActor`, for core's own controllers (core cannot import iam). */
export const OrgActorParam = createParamDecorator((): OrgActor => {
  const actor = RequestContext.actor();
  if (!actor) throw DomainError.unauthorized('UNAUTHENTICATED', 'Sign in or send an API key');
  if (!actor.orgId) throw DomainError.forbidden('PERMISSION_DENIED', 'This operation needs an organisation');
  return { orgId: actor.orgId, actor };
});
