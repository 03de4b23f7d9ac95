import { ApiProperty } from '@nestjs/swagger';

export class PermissionDto {
  @ApiProperty({ example: 'clients:read' })
  code!: string;

  @ApiProperty({ example: 'clients' })
  group!: string;

  @ApiProperty({ example: '查看客户' })
  nameZh!: string;

  @ApiProperty({ example: 'View clients' })
  nameEn!: string;

  @ApiProperty({ description: 'Whether an API key may carry this code as a scope' })
  apiKeyScope!: boolean;
}
