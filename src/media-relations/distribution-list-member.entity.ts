import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DistributionList } from './distribution-list.entity';
import { MediaContact } from './media-contact.entity';

@Entity('distribution_list_members')
@Index('idx_distribution_list_members_contact', ['contactId'])
export class DistributionListMember {
  @PrimaryColumn({ type: 'int' })
  listId: number;

  @PrimaryColumn({ type: 'int' })
  contactId: number;

  @ManyToOne(() => DistributionList, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'list_id' })
  list?: DistributionList;

  @ManyToOne(() => MediaContact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: MediaContact;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt: Date;
}
