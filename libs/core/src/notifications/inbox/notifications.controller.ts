import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../auth/access-metadata';
import { ApiErrorResponses } from '../../errors/api-error-responses';
import { Page } from '../../http/pagination';
import { ListNotificationsQueryDto, NotificationDto, NotificationPageDto } from '../dto/notification.dto';
import { OrgActor, OrgActorParam } from '../request-actor';
import { NotificationViewsService } from './notification-views.service';

/** Every notification's delivery status, for the follow-up pages (a client's or a task's messages). */
@ApiTags('notifications')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly views: NotificationViewsService) {}

  @Get()
  @RequirePermissions('follow-ups:read')
  @ApiOperation({
    operationId: 'listNotifications',
    summary: 'Notifications with their delivery status and every try, newest first',
    description: 'Filter by client, or by dedupe key prefix: `follow-up-task:<taskId>:` lists one task’s messages.',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiErrorResponses(400, 401, 403)
  listNotifications(
    @OrgActorParam() caller: OrgActor,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<Page<NotificationDto>> {
    return this.views.list(caller.orgId, query);
  }
}
