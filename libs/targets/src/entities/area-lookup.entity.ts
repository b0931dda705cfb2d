import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The organisation's own table from postcode (or postcode prefix) to region code: routing by region takes the
 * longest prefix of the supporter's postcode found here, in their country.
 */
@Entity('area_lookups')
@Index('area_lookups_org_country_prefix_uq', ['organisationId', 'country', 'postcodePrefix'], { unique: true })
export class AreaLookup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'text' })
  country: string;

  /** Upper case, without spaces or dashes, as supporters' postcodes are normalised before the lookup. */
  @Column({ type: 'text' })
  postcodePrefix: string;

  @Column({ type: 'text' })
  regionCode: string;

  /** A name for staff ("Rhône"); never shown to supporters. */
  @Column({ type: 'text', default: '' })
  label: string;
}
