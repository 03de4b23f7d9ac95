import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../auth/access-metadata';
import { Audit } from '../../audit/audit.decorators';
import { ApiErrorResponses } from '../../errors/api-error-responses';
import { IdParamPipe } from '../../http/id-param.pipe';
import { InboxPageDto, InboxQueryDto, MarkAllReadDto } from '../dto/notification.dto';
import { OrgActor, OrgActorParam } from '../request-actor';
import { NotificationViewsService } from './notification-views.service';

/** The signed-in staff member's own in-app notifications (the bell in the admin header). */
@ApiTags('notifications')
@Audit({ skip: true })
@Controller('v1/inbox')
export class InboxController {
  constructor(private readonly views: NotificationViewsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listInbox', summary: 'My in-app notifications, newest first, with the unread count' })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiErrorResponses(400, 401, 403)
  listInbox(@OrgActorParam() caller: OrgActor, @Query() query: InboxQueryDto): Promise<InboxPageDto> {
    return this.views.inbox(caller.orgId, caller.actor.id, query);
  }

  @Post(':id/read')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'markInboxItemRead', summary: 'Mark one of my notifications read (again is harmless)' })
  @ApiNoContentResponse({ description: 'Read' })
  @ApiErrorResponses(400, 401, 403, 404)
  async markInboxItemRead(@OrgActorParam() caller: OrgActor, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.views.markRead(caller.orgId, caller.actor.id, id);
  }

  @Post('read-all')
  @Authenticated()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'markInboxRead', summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: MarkAllReadDto })
  @ApiErrorResponses(401, 403)
  async markInboxRead(@OrgActorParam() caller: OrgActor): Promise<MarkAllReadDto> {
    return { updated: await this.views.markAllRead(caller.orgId, caller.actor.id) };
  }
}
