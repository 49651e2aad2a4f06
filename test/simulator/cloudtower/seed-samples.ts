// Sample responses of seed 003 (../shared/seeds/003_*.txt), extracted verbatim as JSON so the
// tests can compare the simulator's answers with them field by field. Generated once; do not edit.
/* eslint-disable */
export const seed003: Record<string, any> = {
  createRootUser: {
    data: {
      createUser: {
        id: 'cmg6wngqb037g09586kbpoj03',
        __typename: 'User',
      },
    },
  },
  createOrganization: {
    data: {
      createOrganization: {
        id: 'cmg6wngpq03790958j39dbd3v',
        __typename: 'Organization',
      },
    },
  },
  checkTowerIsSetup: {
    data: {
      organizations: [
        {
          id: 'cmg6wngpq03790958j39dbd3v',
          name: '八九实验室',
          __typename: 'Organization',
        },
      ],
      userCreated: {
        created: true,
        __typename: 'UserCreatedData',
      },
    },
  },
  restLogin: {
    data: {
      token:
        'eyJhbGciOiJIUzI1NiJ9.Y21nNnduZ3FiMDM3ZzA5NTg2a2Jwb2owMw.Z4w1Q06Kp6jWxDYhFQBy3MEfRN8Aj9SHxSuBY_FPE04',
    },
    task_id: null,
  },
  updateCloudTowerNtpUrl: {
    data: {
      updateCloudTowerNtpUrl: {
        ntp_service_url: '10.0.0.2;ntp.c89.fun;10.0.0.1',
        __typename: 'UpdateNtpCommonResult',
      },
    },
  },
  deployedLicense: {
    data: {
      deploys: [
        {
          id: 'dac36138-22d1-4a67-a386-0d3625b5c824',
          license: {
            id: 'cmg6w7xh700i00958zr2o63tf',
            license_serial: 'e977a0ae-0bc6-4da4-a869-3724a232f3d7',
            maintenance_end_date: null,
            maintenance_start_date: null,
            max_chunk_num: 0,
            max_cluster_num: 0,
            max_vm_num: 0,
            used_vm_num: 0,
            sign_date: '2025-09-30T18:30:42.192Z',
            expire_date: '2025-12-29T18:30:42.192Z',
            software_edition: 'ENTERPRISE',
            type: 'TRIAL',
            vendor: 'SMTX',
            __typename: 'License',
          },
          __typename: 'Deploy',
        },
      ],
    },
  },
  getOrganizationsItem: {
    datacenters: [
      {
        id: 'string',
        name: 'string',
      },
    ],
    id: 'string',
    name: 'string',
  },
  createDatacenter: {
    data: {
      id: 'cmg6xwkic04yr0958umaugrg8',
      name: '八九实验室',
      cluster_num: 0,
      host_num: 0,
      vm_num: 0,
      total_data_capacity: null,
      used_data_space: null,
      failure_data_space: null,
      total_cpu_hz: null,
      used_cpu_hz: null,
      total_memory_bytes: null,
      used_memory_bytes: null,
      organization: {
        id: 'cmg6wngpq03790958j39dbd3v',
        name: 'C89',
      },
      clusters: [],
      labels: [],
    },
    task_id: null,
  },
  connectCluster: {
    data: {
      id: 'cmg6y13w6055h0958o1afczt5',
      name: 'CN-BJ-SMTX-Prod-Cls01',
      hypervisor: 'ELF',
      version: '6.2.0',
      architecture: 'X86_64',
      connect_state: 'INITIALIZING',
      dns: [],
      ip: '10.0.20.210',
      ntp_servers: [],
      recommended_cpu_models: [],
      total_cpu_models: [],
      type: 'SMTX_OS',
      labels: [],
    },
    task_id: 'cmg6y13ww010b7uud16oscy1g',
  },
  getClustersItem: {
    application_highest_version: '6.2.0',
    applications: [],
    architecture: 'X86_64',
    auto_converge: true,
    connect_state: 'CONNECTED',
    consistency_groups: [],
    current_cpu_model: 'host_passthrough',
    datacenters: [
      {
        id: 'cmg6xwkic04yr0958umaugrg8',
        name: '八九实验室',
      },
    ],
    disconnected_date: null,
    disconnected_reason: null,
    dns: ['10.0.0.114', '10.0.0.1'],
    entityAsyncStatus: null,
    everoute_cluster: null,
    failure_data_space: 0,
    has_metrox: true,
    host_num: 3,
    hosts: [
      {
        id: 'cmg6y152005sd0958816monwm',
        management_ip: '10.0.20.211',
        name: 'BJ-SMTX-Prod-Node-01',
      },
      {
        id: 'cmg6y152005se0958azn950vg',
        management_ip: '10.0.20.213',
        name: 'BJ-SMTX-Prod-Node-03',
      },
      {
        id: 'cmg6y152105sf0958kpamnaq1',
        management_ip: '10.0.20.212',
        name: 'BJ-SMTX-Prod-Node-02',
      },
    ],
    hypervisor: 'ELF',
    id: 'cmg6y13w6055h0958o1afczt5',
    ip: '10.0.20.210',
    is_all_flash: false,
    iscsi_vip: null,
    labels: [],
    license_expire_date: '2025-10-30T08:57:09.000Z',
    license_serial: '30724c9c-9657-46af-9c55-3857c8f165c1',
    license_sign_date: '2025-09-30T08:57:09.000Z',
    license_type: 'TRIAL',
    local_id: '30724c9c-9657-46af-9c55-3857c8f165c1',
    maintenance_end_date: '1970-01-01T00:00:00.000Z',
    maintenance_start_date: '1970-01-01T00:00:00.000Z',
    management_vip: '10.0.20.210',
    max_chunk_num: 255,
    max_physical_data_capacity: 0,
    max_physical_data_capacity_per_node: 140737488355328,
    metro_availability_checklist: null,
    mgt_gateway: '10.0.20.1',
    mgt_netmask: '255.255.255.0',
    migration_data_size: null,
    migration_speed: null,
    name: 'CN-BJ-SMTX-Prod-Cls01',
    ntp_mode: 'EXTERNAL',
    ntp_servers: ['10.0.0.2', 'ntp.c89.fun', '10.0.0.1'],
    nvme_over_rdma_enabled: false,
    nvme_over_tcp_enabled: false,
    nvmf_enabled: false,
    pmem_enabled: false,
    provisioned_cpu_cores: 8,
    provisioned_cpu_cores_for_active_vm: 8,
    provisioned_for_active_vm_ratio: 0.222222222222222,
    provisioned_memory_bytes: 20401094656,
    provisioned_ratio: 0.222222222222222,
    rdma_enabled: false,
    recommended_cpu_models: ['EPYC'],
    recover_data_size: 0,
    recover_speed: 0,
    reserved_cpu_cores_for_system_service: 36,
    running_vm_num: 1,
    settings: {
      id: 'cmg6y1cpy05bw0958e6jofe6z',
    },
    software_edition: 'ENTERPRISE',
    stopped_vm_num: 0,
    stretch: false,
    suspended_vm_num: 0,
    total_cache_capacity: 10426449395712,
    total_cpu_cores: 72,
    total_cpu_hz: 178488000000,
    total_cpu_models: [
      'host_passthrough',
      'Dhyana',
      'EPYC',
      'EPYC-IBPB',
      'Opteron_G3',
      'Opteron_G2',
      'Opteron_G1',
    ],
    total_cpu_sockets: 3,
    total_data_capacity: 14491697545216,
    total_memory_bytes: 403962826752,
    type: 'SMTX_OS',
    upgrade_tool_version: '6.2.0-rc61',
    used_cpu_hz: 27011184000,
    used_data_space: 0,
    used_memory_bytes: 37145039556.9504,
    valid_data_space: 14491697545216,
    vcenterAccount: null,
    vdses: [
      {
        id: 'cmg6y171e069p0958lhmew8to',
        name: 'vDS-Storage-Network',
      },
      {
        id: 'cmg6y171e069q0958ncrda8ue',
        name: 'vds-ovsbr-internal',
      },
      {
        id: 'cmg6y171e069r09587gmque13',
        name: 'vDS-MgMt-Network',
      },
      {
        id: 'cmg6y171e069s09589gq666ck',
        name: 'vDS-Prod-Network',
      },
    ],
    version: '6.2.0',
    vhost_enabled: true,
    vm_folders: [],
    vm_num: 1,
    vm_templates: [],
    vms: [
      {
        id: 'cmg6y18ig0050ro5gk3urcrd4',
        name: 'cloudtower',
      },
    ],
    witness: null,
    zones: [],
  },
  updateClusterSettings: {
    data: {
      updateClusterSettings: {
        id: 'cmg6y1cpy05bw0958e6jofe6z',
        default_ha: null,
        default_ha_priority: 'LEVEL_2_MEDIUM',
        enabled_iscsi: null,
        default_storage_policy: 'REPLICA_2_THIN_PROVISION',
        default_storage_policy_replica_num: 2,
        default_storage_policy_ec_k: null,
        default_storage_policy_ec_m: null,
        default_storage_policy_thin_provision: true,
        default_storage_encryption: null,
        __typename: 'ClusterSettings',
      },
    },
  },
  globalAlertRules: {
    data: {
      globalAlertRules: [
        {
          message: '集群存储空间使用率超过 { .threshold }。 ',
          thresholds: [
            {
              severity: 'CRITICAL',
              __typename: 'Thresholds',
            },
            {
              severity: 'NOTICE',
              __typename: 'Thresholds',
            },
          ],
          object: 'CLUSTER',
          id: 'cmixj2d6i010h0958iyqgxpkw',
          disabled: false,
          name: 'zbs_cluster_data_space_use_rate',
          alert_rules: [
            {
              id: 'cmixjesv402dy0958nfm2u2d5',
              customized: false,
              disabled: false,
              thresholds: [
                {
                  severity: 'CRITICAL',
                  value: 90,
                  __typename: 'Thresholds',
                },
                {
                  severity: 'NOTICE',
                  value: 80,
                  __typename: 'Thresholds',
                },
              ],
              __typename: 'AlertRule',
            },
          ],
          __typename: 'GlobalAlertRule',
        },
      ],
      globalAlertRulesConnection: {
        aggregate: {
          count: 94,
          __typename: 'AggregateGlobalAlertRule',
        },
        __typename: 'GlobalAlertRuleConnection',
      },
    },
  },
  updateGlobalAlertRule: {
    data: {
      updateGlobalAlertRule: {
        id: 'cmixj2d6i010h0958iyqgxpkw',
        disabled: false,
        thresholds: [
          {
            value: 90,
            severity: 'CRITICAL',
            __typename: 'Thresholds',
          },
          {
            value: 61,
            severity: 'NOTICE',
            __typename: 'Thresholds',
          },
        ],
        alert_rules: [
          {
            id: 'cmixjesv402dy0958nfm2u2d5',
            disabled: false,
            customized: true,
            thresholds: [
              {
                value: 90,
                severity: 'CRITICAL',
                __typename: 'Thresholds',
              },
              {
                value: 60,
                severity: 'NOTICE',
                __typename: 'Thresholds',
              },
            ],
            cluster: {
              id: 'cmixjeoxm038p09587apv138a',
              name: 'CN-BJ-SMTX-Prod-Cls01',
              __typename: 'Cluster',
            },
            __typename: 'AlertRule',
          },
        ],
        __typename: 'GlobalAlertRule',
      },
    },
  },
  graphqlLogin: {
    data: {
      login: {
        token:
          'eyJhbGciOiJIUzI1NiJ9.Y21qY293MXcyMDM2aDA5NTg3eDJ5NndtZw.Cx4q7xxVWBtXsyFVhPN0PQ7fgRBdJMjq1Sd2_eEnHbM',
        uid: null,
        need_mfa: null,
        mfa_meta: null,
        __typename: 'Login',
      },
    },
  },
  chunkedUploadCreate: {
    id: '37JudNjModKfSG1mWKbEhx9d4Qa',
    package_name: '',
    offset: '0',
    status: 'UPLOADING',
    origin_file_name: 'Observability-X86_64-v1.4.2-release.20250926-24.tar.gz',
    error_code: '',
    error_message: '',
    package_id: '',
    create_time: '2025-12-09T04:17:12.435063652Z',
    update_time: '2025-12-09T04:17:12.435063652Z',
  },
  chunkedUploadPart: {
    id: '37JudNjModKfSG1mWKbEhx9d4Qa',
    offset: 4194304,
    status: 1,
    origin_file_name: 'Observability-X86_64-v1.4.2-release.20250926-24.tar.gz',
    create_time: {
      seconds: 1766633581,
      nanos: 668054414,
    },
    update_time: {
      seconds: 1766633582,
      nanos: 390462362,
    },
  },
  obsPackagesListed: {
    data: {
      bundleApplicationPackages: [
        {
          id: 'cmjkxevr404o20958p420551n',
          name: 'Observability',
          version: 'v1.4.2-release.20250926',
          arch: 'X86_64',
          application_packages: [
            {
              id: 'cmjkxe26b04dh0958qv9ieypw',
              architecture: 'X86_64',
              version: 'v1.4.2-release.20250926',
              applications: [],
              __typename: 'CloudTowerApplicationPackage',
            },
          ],
          host_plugin_packages: [
            {
              id: 'cmjkxeerk04il0958bxwa10oi',
              arch: 'X86_64',
              version: 'v1.4.2-release.20250926',
              __typename: 'HostPluginPackage',
            },
            {
              id: 'cmjkxergl04nl0958slh829io',
              arch: 'AARCH64',
              version: 'v1.4.2-release.20250926',
              __typename: 'HostPluginPackage',
            },
          ],
          __typename: 'BundleApplicationPackage',
        },
      ],
      bundleApplicationInstances: [],
      bundleApplicationConnectedClusters: [],
    },
  },
  createBundleApplicationInstance: {
    data: {
      createBundleApplicationInstance: {
        id: 'cmjl01uap0ap40958kidyhmr9',
        __typename: 'BundleApplicationInstance',
      },
    },
  },
  obsInstalling: {
    data: {
      bundleApplicationPackages: [
        {
          id: 'cmjkzx3hy0ack0958emrwoy18',
          name: 'Observability',
          version: 'v1.4.2-release.20250926',
          arch: 'X86_64',
          application_packages: [
            {
              id: 'cmjkzw6qf0a0k0958hfmiqvwe',
              architecture: 'X86_64',
              version: 'v1.4.2-release.20250926',
              applications: [],
              __typename: 'CloudTowerApplicationPackage',
            },
          ],
          host_plugin_packages: [
            {
              id: 'cmjkzwk0n0a6p0958yui4tdyr',
              arch: 'X86_64',
              version: 'v1.4.2-release.20250926',
              __typename: 'HostPluginPackage',
            },
            {
              id: 'cmjkzwz700ac40958c96in94w',
              arch: 'AARCH64',
              version: 'v1.4.2-release.20250926',
              __typename: 'HostPluginPackage',
            },
          ],
          __typename: 'BundleApplicationPackage',
        },
      ],
      bundleApplicationInstances: [
        {
          id: 'cmjl01uap0ap40958kidyhmr9',
          name: 'obs',
          status: 'INSTALLING',
          application: {
            id: 'cmjl01uaf0aov09585hcpo94w',
            instances: [],
            __typename: 'CloudTowerApplication',
          },
          vm_spec: {
            ip: '10.0.20.3',
            subnet_mask: '255.255.255.0',
            gateway: '10.0.20.1',
            vlan_id: 'cmjcow96r000lqrqalh84y2nd',
            vcpu_count: 16,
            memory_size_bytes: '34359738368',
            storage_size_bytes: '549755813888',
            __typename: 'BundleApplicationInstanceVmSpec',
          },
          description: '',
          connected_clusters: [],
          bundle_application_package: {
            id: 'cmjkzx3hy0ack0958emrwoy18',
            version: 'v1.4.2-release.20250926',
            arch: 'X86_64',
            __typename: 'BundleApplicationPackage',
          },
          health_status: null,
          connected_system_services: [],
          __typename: 'BundleApplicationInstance',
        },
      ],
      bundleApplicationConnectedClusters: [],
    },
  },
  obsInstalled: {
    data: {
      bundleApplicationPackages: [
        {
          id: 'cmjkzx3hy0ack0958emrwoy18',
          name: 'Observability',
          version: 'v1.4.2-release.20250926',
          arch: 'X86_64',
          application_packages: [
            {
              id: 'cmjkzw6qf0a0k0958hfmiqvwe',
              architecture: 'X86_64',
              version: 'v1.4.2-release.20250926',
              applications: [
                {
                  id: 'cmjl01uaf0aov09585hcpo94w',
                  name: 'observability-obs',
                  __typename: 'CloudTowerApplication',
                },
              ],
              __typename: 'CloudTowerApplicationPackage',
            },
          ],
          host_plugin_packages: [
            {
              id: 'cmjkzwk0n0a6p0958yui4tdyr',
              arch: 'X86_64',
              version: 'v1.4.2-release.20250926',
              __typename: 'HostPluginPackage',
            },
            {
              id: 'cmjkzwz700ac40958c96in94w',
              arch: 'AARCH64',
              version: 'v1.4.2-release.20250926',
              __typename: 'HostPluginPackage',
            },
          ],
          __typename: 'BundleApplicationPackage',
        },
      ],
      bundleApplicationInstances: [
        {
          id: 'cmjl01uap0ap40958kidyhmr9',
          name: 'obs',
          status: 'SUCCESS',
          application: {
            id: 'cmjl01uaf0aov09585hcpo94w',
            instances: [
              {
                id: 'cmjl060uc0bde0958r4asmm66',
                vm: {
                  id: 'cmjl060u70bdd0958vq8wg5q2',
                  status: 'RUNNING',
                  cpu_usage: 0.68,
                  memory_usage: 5.54,
                  __typename: 'Vm',
                },
                __typename: 'CloudTowerApplicationInstance',
              },
            ],
            __typename: 'CloudTowerApplication',
          },
          vm_spec: {
            ip: '10.0.20.3',
            subnet_mask: '255.255.255.0',
            gateway: '10.0.20.1',
            vlan_id: 'cmjcow96r000lqrqalh84y2nd',
            vcpu_count: 16,
            memory_size_bytes: '34359738368',
            storage_size_bytes: '549755813888',
            __typename: 'BundleApplicationInstanceVmSpec',
          },
          description: '',
          connected_clusters: [],
          bundle_application_package: {
            id: 'cmjkzx3hy0ack0958emrwoy18',
            version: 'v1.4.2-release.20250926',
            arch: 'X86_64',
            __typename: 'BundleApplicationPackage',
          },
          health_status: 'NORMAL',
          connected_system_services: [],
          __typename: 'BundleApplicationInstance',
        },
      ],
      bundleApplicationConnectedClusters: [],
    },
  },
  updateObservabilityNtpUrl: {
    data: {
      updateObservabilityNtpUrl: {
        ntp_service_url: '10.0.0.2;ntp.c89.fun;10.0.0.1',
        __typename: 'UpdateNtpCommonResult',
      },
    },
  },
  updateBundleApplicationInstanceConnectClusters: {
    data: {
      updateBundleApplicationInstanceConnectClusters: {
        id: 'cmjl01uap0ap40958kidyhmr9',
        name: 'obs',
        description: '',
        status: 'SUCCESS',
        error_code: '',
        vm_spec: {
          ip: '10.0.20.3',
          subnet_mask: '255.255.255.0',
          gateway: '10.0.20.1',
          vlan_id: 'cmjcow96r000lqrqalh84y2nd',
          vcpu_count: 16,
          memory_size_bytes: '34359738368',
          storage_size_bytes: '549755813888',
          __typename: 'BundleApplicationInstanceVmSpec',
        },
        connected_clusters: [
          {
            id: 'cmjl19lny0emi0958sn65ah7o',
            name: 'CN-BJ-SMTX-Prod-Cls01',
            cluster: {
              id: 'cmjcow5a1038u09588mxmnop7',
              name: 'CN-BJ-SMTX-Prod-Cls01',
              __typename: 'Cluster',
            },
            __typename: 'BundleApplicationConnectedCluster',
          },
        ],
        cluster: {
          id: 'cmjcow5a1038u09588mxmnop7',
          name: 'CN-BJ-SMTX-Prod-Cls01',
          __typename: 'Cluster',
        },
        __typename: 'BundleApplicationInstance',
      },
    },
  },
  updateObservabilityConnectedSystemServices: {
    data: {
      updateObservabilityConnectedSystemServices: {
        connected_system_services: [
          {
            id: '37KWbxlRh2aGU8mb7N8bLwqZ6jb',
            type: 'CLOUDTOWER',
            status: 'INSTALLING',
            system_service: {
              id: 'CLOUDTOWER',
              name: 'CloudTower',
              version: '4.7.1',
              __typename: 'ObservabilityConnectedSystemServiceInfo',
            },
            instances: [
              {
                state: 'STATE_UNSPECIFIED',
                __typename: 'ObservabilityConnectedSystemServiceInstance',
              },
            ],
            __typename: 'ObservabilityConnectedSystemService',
          },
        ],
        __typename: 'ObservabilityConnectedSystemServices',
      },
    },
  },
  createUploadTask: {
    data: {
      createUploadTask: {
        id: 'cmjmpvci00io009585faip23e',
        current_chunk: 1,
        chunk_size: 4194304,
        __typename: 'UploadTask',
      },
    },
  },
  uploadChunk: {
    data: {
      uploadCloudTowerApplicationPackage: {
        id: 'cmjmpvci00io009585faip23e',
        status: 'UPLOADING',
        current_chunk: 42,
        chunk_size: 4194304,
        __typename: 'UploadTask',
      },
    },
  },
  uploadLastChunk: {
    data: {
      uploadCloudTowerApplicationPackage: {
        id: 'cmjmuex5t13fu0958tfpuyh88',
        status: 'SUCCESSED',
        current_chunk: 102,
        chunk_size: 4194304,
        __typename: 'UploadTask',
      },
    },
  },
  cloudTowerApplicationPackages: {
    data: {
      cloudTowerApplicationPackages: [
        {
          id: 'cmjmpwgfw0k230958mpmjnmko',
          filename: 'smtx-backup-dr-x86_64-2.2.1.tar.gz',
          version: '2.2.1',
          architecture: 'X86_64',
          __typename: 'CloudTowerApplicationPackage',
        },
      ],
      cloudTowerApplicationPackagesConnection: {
        aggregate: {
          count: 1,
          __typename: 'AggregateCloudTowerApplicationPackage',
        },
        __typename: 'CloudTowerApplicationPackageConnection',
      },
    },
  },
  getVdses: [
    {
      bond_mode: 'active-backup',
      cluster: {
        id: 'cmjmn817t03a00958p6jfr3m1',
        name: 'CN-BJ-SMTX-Prod-Cls01',
      },
      entityAsyncStatus: null,
      everoute_cluster: null,
      id: 'cmjmn852w02c2095826rkcngk',
      internal: false,
      labels: [],
      local_id: 'd9ec09a7-4a1b-494f-8ab1-32a6369f934a_797f0b49-c008-479a-b46a-c0460b95191e',
      name: 'vDS-Prod-Network',
      nics: [
        {
          id: 'cmjmn82xy01yr0958d1by4e5e',
          name: 'ens257',
        },
        {
          id: 'cmjmn82zb020j0958ynw034rj',
          name: 'ens225',
        },
        {
          id: 'cmjmn82zd020m09587lhixo5l',
          name: 'ens225',
        },
        {
          id: 'cmjmn82zd020n0958thz02r6i',
          name: 'ens257',
        },
        {
          id: 'cmjmn831d022l09583u0x7g53',
          name: 'ens225',
        },
        {
          id: 'cmjmn834j024i09588hvayvax',
          name: 'ens257',
        },
        {
          id: 'cmjmn834j024j095818npug6i',
          name: 'ens225',
        },
        {
          id: 'cmjmn834l024k0958jbc6oosb',
          name: 'ens257',
        },
      ],
      ovsbr_name: 'ovsbr-4231kycbp',
      type: 'VM',
      vlans: [
        {
          id: 'cmjmn857t000a109u5rk5dvva',
          name: 'VLAN-1120',
        },
        {
          id: 'cmjmn857t000b109uwcpxd5r1',
          name: 'VLAN-1126',
        },
        {
          id: 'cmjmn857u000c109uoivtxoxi',
          name: 'VLAN-1122',
        },
        {
          id: 'cmjmn857u000d109udgpia0s1',
          name: 'VLAN-1121',
        },
        {
          id: 'cmjmn857u000e109umxumvnu1',
          name: 'VLAN-1125',
        },
        {
          id: 'cmjmn857u000f109u3pk241yt',
          name: 'VLAN-1124',
        },
        {
          id: 'cmjmn857u000g109upvau6v5s',
          name: 'VLAN-1127',
        },
        {
          id: 'cmjmn857u000h109ug9n6fes4',
          name: 'VLAN-1123',
        },
        {
          id: 'cmjmn858f000i109u46bprtb6',
          name: 'VLAN-1128',
        },
        {
          id: 'cmjmn858k000j109ua9kvt1g1',
          name: 'VLAN-1129',
        },
        {
          id: 'cmjmn858k000k109ujtugbvwr',
          name: 'VLAN-1130',
        },
      ],
      vlans_num: 11,
      work_mode: 'single',
    },
    {
      bond_mode: '',
      cluster: {
        id: 'cmjmn817t03a00958p6jfr3m1',
        name: 'CN-BJ-SMTX-Prod-Cls01',
      },
      entityAsyncStatus: null,
      everoute_cluster: null,
      id: 'cmjmn852w02c30958y7etd8ij',
      internal: true,
      labels: [],
      local_id: 'd9ec09a7-4a1b-494f-8ab1-32a6369f934a_dc51b1ca-7557-476c-9755-6214ca86e470',
      name: 'vds-ovsbr-internal',
      nics: [],
      ovsbr_name: 'ovsbr-internal',
      type: 'VM',
      vlans: [
        {
          id: 'cmjmn858m000m109u2ospw3g6',
          name: 'ovsbr-internal-default-network',
        },
      ],
      vlans_num: 1,
      work_mode: 'single',
    },
    {
      bond_mode: 'active-backup',
      cluster: {
        id: 'cmjmn817t03a00958p6jfr3m1',
        name: 'CN-BJ-SMTX-Prod-Cls01',
      },
      entityAsyncStatus: null,
      everoute_cluster: null,
      id: 'cmjmn852w02c40958g9cpgt97',
      internal: false,
      labels: [],
      local_id: 'd9ec09a7-4a1b-494f-8ab1-32a6369f934a_38909e6c-59d9-4e59-a21d-f415b0e42b2a',
      name: 'vDS-Storage-Network',
      nics: [
        {
          id: 'cmjmn82xv01yj0958nltv6psc',
          name: 'ens256',
        },
        {
          id: 'cmjmn82xw01yk0958mltgnek2',
          name: 'ens161',
        },
        {
          id: 'cmjmn82zk020s0958od3c212p',
          name: 'ens256',
        },
        {
          id: 'cmjmn831c022j0958ab9dbex4',
          name: 'ens161',
        },
        {
          id: 'cmjmn831d022k09588rr2d466',
          name: 'ens256',
        },
        {
          id: 'cmjmn834f024g0958cplyx1ca',
          name: 'ens161',
        },
        {
          id: 'cmjmn837v025n0958c8jxx1el',
          name: 'ens161',
        },
        {
          id: 'cmjmn837v025o0958xxtyy29v',
          name: 'ens256',
        },
      ],
      ovsbr_name: 'ovsbr-7j7qtrvsm',
      type: 'VM',
      vlans: [
        {
          id: 'cmjmn857s0009109u4sl2icu5',
          name: 'storage-network',
        },
      ],
      vlans_num: 1,
      work_mode: 'single',
    },
    {
      bond_mode: 'active-backup',
      cluster: {
        id: 'cmjmn817t03a00958p6jfr3m1',
        name: 'CN-BJ-SMTX-Prod-Cls01',
      },
      entityAsyncStatus: null,
      everoute_cluster: null,
      id: 'cmjmn852w02c509589kcitqu1',
      internal: false,
      labels: [],
      local_id: 'd9ec09a7-4a1b-494f-8ab1-32a6369f934a_53116410-db6b-49c7-b77d-255063067cb9',
      name: 'vDS-MgMt-Network',
      nics: [
        {
          id: 'cmjmn82xx01yn095858vhzg6l',
          name: 'ens224',
        },
        {
          id: 'cmjmn82xx01yo0958rhjrkt0q',
          name: 'ens192',
        },
        {
          id: 'cmjmn82zb020i095811kbene5',
          name: 'ens224',
        },
        {
          id: 'cmjmn82zc020k0958suq44nad',
          name: 'ens192',
        },
        {
          id: 'cmjmn831f022n09581n7eavpv',
          name: 'ens224',
        },
        {
          id: 'cmjmn831f022o0958jjxmxl3i',
          name: 'ens192',
        },
        {
          id: 'cmjmn8358024r0958u1yqy4tf',
          name: 'ens224',
        },
        {
          id: 'cmjmn835d024t095815wdavxf',
          name: 'ens192',
        },
      ],
      ovsbr_name: 'ovsbr-c9d6xjuzp',
      type: 'VM',
      vlans: [
        {
          id: 'cmjmn857s0008109uo39kdcuz',
          name: 'mgt-network',
        },
        {
          id: 'cmjmn858l000l109usa2uhc64',
          name: 'default',
        },
      ],
      vlans_num: 2,
      work_mode: 'single',
    },
  ],
  createVmVlan: [
    {
      data: {
        id: 'cmjms8zak0tm40958f422tc05',
        local_id: '74d3f299-d217-4b62-bb8c-5bbc6309274f',
        name: 'name-string',
        type: 'VM',
        vlan_id: 0,
        gateway_ip: null,
        subnetmask: null,
        mode_type: 'VLAN_ACCESS',
        entityAsyncStatus: 'CREATING',
        gateway_subnetmask: null,
        qos_min_bandwidth: null,
        qos_max_bandwidth: null,
        qos_priority: null,
        qos_burst: null,
        network_ids: ['0'],
        vds: {
          id: 'cmjmn852w02c40958g9cpgt97',
          name: 'vDS-Storage-Network',
        },
        labels: [],
      },
      task_id: 'cmjms8zat08lm7tudhsis2ry8',
    },
  ],
  createBackupService: {
    data: {
      createBackupService: {
        id: 'cmjmqhze006c47tudhqjjbrlf',
        __typename: 'BackupService',
      },
    },
  },
  getBackupServices: {
    data: {
      backupServices: [
        {
          id: 'cmjmqhze006c47tudhqjjbrlf',
          name: 'bak',
          status: 'INSTALLING',
          entityAsyncStatus: 'CREATING',
          application: {
            id: 'cmjmqhze50m5j0958fp6tprio',
            package: {
              id: 'cmjmpwgfw0k230958mpmjnmko',
              version: '2.2.1',
              architecture: 'X86_64',
              __typename: 'CloudTowerApplicationPackage',
            },
            targetPackage: 'cmjmpwgfw0k230958mpmjnmko',
            instanceStatuses: [
              {
                applicationId: 'cmjmqhze50m5j0958fp6tprio',
                vm: {
                  id: 'cmjmqi2ap0m9v0958gbhlavdq',
                  name: 'backup-bak-0',
                  cluster: 'cmjmn817t03a00958p6jfr3m1',
                  cpu: 4,
                  memory: 17179869184,
                  vmStatus: 'RUNNING',
                  storages: [
                    {
                      size: 21474836480,
                    },
                  ],
                  network: {
                    nics: [
                      {
                        vlanId: 'cmjmn858l000l109usa2uhc64',
                        ip: '10.0.20.4',
                        mask: '255.255.255.0',
                        gateway: '10.0.20.1',
                      },
                      {
                        vlanId: 'cmjmn857u000d109udgpia0s1',
                        ip: '10.0.21.4',
                        mask: '255.255.255.0',
                      },
                    ],
                  },
                  env: [
                    {
                      name: 'TOWER_ENDPOINT',
                      value: '10.0.20.2',
                    },
                    {
                      name: 'TOWER_USERNAME',
                      value: 'system-service',
                    },
                    {
                      name: 'TOWER_PASSWORD',
                      value: 'K5yt3hcjtUE4Teqe',
                    },
                    {
                      name: 'TOWER_USER_SOURCE',
                      value: 'LOCAL',
                    },
                    {
                      name: 'BACKUP_SERVICE_ID',
                      value: 'cmjmqhze006c47tudhqjjbrlf',
                    },
                    {
                      name: 'SERVICE_OPTIONS',
                      value: '--enable-backup',
                    },
                    {
                      name: 'SERVICE_NAMESPACE',
                      value: 'iomesh-backup',
                    },
                    {
                      name: 'GLOBAL_CONFIG_NAME',
                      value: 'iomesh-backup-global-options',
                    },
                  ],
                  publicKeys: [
                    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC18BGUVj/yAKmOBqHakDS5uiQJi/tDa2s3mp3Cc2fKDaWQTRx6j7x66kTfT1Ppz1GknbEnKMoyg6EW2DAJfRx6aSFOF2Jkka8CsO3UPZvB/Af5ltMozqoUpzcWLr/kehgyAbkFoFD9dzuKzkn1s4P52Ey+1SB5cJToqFy1xpJDpdFDMPac5TMLwuX3vclRYcVp88o/cwsFKXWy3fcPbaBrnZxgPTx65TJx3h49s1MAaZJtNjbMw0VkE/g1gRHfY7kE0t9P/GDHuKKDquwKwUs1VoLqFtNe0HVy4hSd9HdlXCTjrqkjd1eOs8juMwMrjxN0f9LbEkw8AA6fKDdLPBsZ\n',
                  ],
                  vmUsage: 'BACKUP_CONTROLLER',
                  bootWithHost: true,
                  status: {
                    vmIps: [''],
                    message: 'RUNNING',
                  },
                },
                package: {
                  id: 'cmjmpwgfw0k230958mpmjnmko',
                },
                status: {
                  phase: 'RUNNING',
                  containerStatuses: [
                    {
                      name: 'launcher',
                      containerID: 'dfffffeda76b6879f6ce887ff00bf43278484a38f3d84e8e47821bee93b649e7',
                      image: 'registry.local/backup-dr/backup-launcher:2.2.1',
                      imageID: 'sha256:3f77db9f87f8014b1706c8dfb685b92c19a889fb9a2081d4507ccc7cfea35920',
                      started: true,
                      ready: true,
                      state: {
                        running: {
                          startedAt: '2025-12-26T10:36:35Z',
                        },
                      },
                    },
                  ],
                  error: {},
                },
              },
            ],
            __typename: 'CloudTowerApplication',
          },
          backup_clusters: [],
          backup_plans: [],
          running_vm: null,
          __typename: 'BackupService',
        },
      ],
    },
  },
  updateBackupService: {
    data: {
      updateBackupService: {
        id: 'cmjmqhze006c47tudhqjjbrlf',
        name: 'bak',
        __typename: 'BackupService',
      },
    },
  },
  inspectorJob: {
    id: '33QtcKTFcCTCTdHOqbO4i65qOMT',
    version: '1.1.1-rc.11',
    cluster_uuids: ['30724c9c-9657-46af-9c55-3857c8f165c1'],
    cluster_names: {},
    user_defined_items_names: ['master_redundancy_check'],
  },
  inspectorExport: {
    filename: 'InspectorReport-2025-10-01-03-45-27-33QtcKTFcCTCTdHOqbO4i65qOMT.zip',
  },
  inspectorStatus: {
    filename: 'InspectorReport-2025-10-01-03-45-27-33QtcKTFcCTCTdHOqbO4i65qOMT.zip',
    status: 'EXPORT_SUCCEEDED',
  },
  getClustersByName: [
    {
      access_write_compress_enabled: false,
      allocated_prioritized_space: 0,
      allocated_prioritized_space_usage: 0,
      application_highest_version: '6.2.0',
      applications: [],
      architecture: 'X86_64',
      auto_converge: true,
      commited_memory_bytes: 252527766528,
      connect_state: 'CONNECTED',
      consistency_groups: [],
      current_cpu_model: 'EPYC',
      data_reduction_ratio: 1,
      data_reduction_saving: 0,
      datacenters: [
        {
          id: 'cmjcow42b038609580wmbz3c6',
          name: 'C89-LAB',
        },
      ],
      disconnected_date: null,
      disconnected_reason: null,
      dns: ['10.0.0.114', '10.0.0.1'],
      downgraded_prioritized_space: 0,
      ecp_license: {
        id: 'cmjcowfye03gt0958q91rjoku',
      },
      enable_tiering: true,
      entityAsyncStatus: null,
      everoute_cluster: null,
      failure_data_space: 0,
      has_metrox: true,
      host_num: 4,
      hosts: [
        {
          id: 'cmjcow6qr01r308582ljakeac',
          management_ip: '10.0.20.12',
          name: 'BJ-SMTX-Prod-Node-02',
        },
        {
          id: 'cmjcow6qs01r40858555m1xyu',
          management_ip: '10.0.20.13',
          name: 'BJ-SMTX-Prod-Node-03',
        },
        {
          id: 'cmjcow6qt01r508588kw4mvnt',
          management_ip: '10.0.20.14',
          name: 'BJ-SMTX-Prod-Node-04',
        },
        {
          id: 'cmjcow6qt01r60858yx019goc',
          management_ip: '10.0.20.11',
          name: 'BJ-SMTX-Prod-Node-01',
        },
      ],
      hypervisor: 'ELF',
      id: 'cmjcow5a1038u09588mxmnop7',
      ip: '10.0.20.10',
      is_all_flash: false,
      iscsi_vip: null,
      labels: [],
      license_expire_date: '2026-01-18T08:42:44.000Z',
      license_serial: 'adb7c8ab-e868-4a75-b171-4a07bfa77c46',
      license_sign_date: '2025-12-19T08:42:44.000Z',
      license_type: 'TRIAL',
      local_id: 'adb7c8ab-e868-4a75-b171-4a07bfa77c46',
      logical_used_data_space: 128362217472,
      maintenance_end_date: '1970-01-01T00:00:00.000Z',
      maintenance_start_date: '1970-01-01T00:00:00.000Z',
      management_vip: '10.0.20.10',
      max_chunk_num: 255,
      max_physical_data_capacity: 0,
      max_physical_data_capacity_per_node: 140737488355328,
      metro_availability_checklist: null,
      mgt_gateway: '10.0.20.1',
      mgt_netmask: '255.255.255.0',
      migration_data_size: null,
      migration_speed: null,
      name: 'CN-BJ-SMTX-Prod-Cls01',
      no_performance_layer: false,
      ntp_mode: 'EXTERNAL',
      ntp_servers: ['10.0.0.2', 'ntp.c89.fun', '10.0.0.1'],
      nvme_over_rdma_enabled: false,
      nvme_over_tcp_enabled: false,
      nvmf_enabled: false,
      overall_efficiency: 325.806695730855,
      perf_allocated_data_space: 259922853888,
      perf_failure_data_space: 0,
      perf_total_data_capacity: 4329314451456,
      perf_used_data_space: 259922853888,
      perf_valid_data_space: 4329314451456,
      planned_prioritized_space: 0,
      pmem_enabled: false,
      prio_space_percentage: 0,
      provisioned_cpu_cores: 24,
      provisioned_cpu_cores_for_active_vm: 24,
      provisioned_for_active_vm_ratio: 0.421052631578947,
      provisioned_memory_bytes: 54760833024,
      provisioned_ratio: 0.421052631578947,
      rdma_enabled: false,
      recommended_cpu_models: ['EPYC'],
      recover_data_size: 0,
      recover_speed: 0,
      replica_capacity_only: false,
      reserved_cpu_cores_for_system_service: 47,
      running_vm_num: 2,
      settings: {
        id: 'cmjcowfwz03gg09585pfhzim5',
      },
      software_edition: 'ENTERPRISE',
      stopped_vm_num: 0,
      stretch: false,
      suspended_vm_num: 0,
      total_cache_capacity: 5411642015744,
      total_cpu_cores: 104,
      total_cpu_hz: 257816000000,
      total_cpu_models: [
        'host_passthrough',
        'Dhyana',
        'EPYC',
        'EPYC-IBPB',
        'Opteron_G3',
        'Opteron_G2',
        'Opteron_G1',
      ],
      total_cpu_sockets: 5,
      total_data_capacity: 9313481392128,
      total_memory_bytes: 606261264384,
      total_prio_volume_size: 0,
      total_prio_volume_size_usage: 0,
      type: 'SMTX_OS',
      upgrade_for_tiering: true,
      upgrade_tool_version: '6.2.0-rc61',
      used_cache_space: 262063783936,
      used_cpu_hz: 35757095999.998,
      used_data_space: 6373769216,
      used_memory_bytes: 85899682460.363,
      valid_cache_space: 5411642015744,
      valid_data_space: 9313481392128,
      vcenterAccount: null,
      vdses: [
        {
          id: 'cmjcow91302ah0858psz7ukz0',
          name: 'vDS-MgMt-Network',
        },
        {
          id: 'cmjcow91302ai0858lvd17pe7',
          name: 'vDS-Storage-Network',
        },
        {
          id: 'cmjcow91402aj0858ddjg7riv',
          name: 'vDS-Prod-Network',
        },
        {
          id: 'cmjcow91402ak0858sakdmxoc',
          name: 'vds-ovsbr-internal',
        },
      ],
      version: '6.2.0',
      vhost_enabled: true,
      vm_folders: [],
      vm_num: 2,
      vm_templates: [
        {
          id: 'cmjl05eda0b6p0958p51qm3l2',
          name: 'scos-kv5j86js6xp4nx5z4rhx',
        },
      ],
      vms: [
        {
          id: 'cmjcowaqq006dqrqawpcs010o',
          name: 'cloudtower',
        },
        {
          id: 'cmjl060u70bdd0958vq8wg5q2',
          name: 'observability-obs-0',
        },
      ],
      witness: null,
      zones: [],
    },
  ],
  getVlansItem: {
    entityAsyncStatus: null,
    gateway_ip: '',
    gateway_subnetmask: '',
    id: 'cmjcow96r000lqrqalh84y2nd',
    labels: [],
    local_id: 'adb7c8ab-e868-4a75-b171-4a07bfa77c46_c8a1e42d-e0f3-4d50-a190-53209a98f157',
    mode_type: 'VLAN_ACCESS',
    name: 'default',
    network_ids: ['0'],
    qos_burst: null,
    qos_max_bandwidth: null,
    qos_min_bandwidth: null,
    qos_priority: null,
    subnetmask: '',
    type: 'VM',
    vds: {
      id: 'cmjcow91302ah0858psz7ukz0',
      name: 'vDS-MgMt-Network',
    },
    vlan_id: 0,
    vm_nics: [
      {
        id: 'cmjcowar4006gqrqae6dv9b0z',
      },
      {
        id: 'cmjl0660e0011bwonzf7qch3o',
      },
    ],
  },
  packageTasks: [
    {
      args: {},
      cluster: null,
      description: 'Create Installation package Observability-X86_64-v1.4.2-release.20250926-24.tar.gz',
      error_code: null,
      error_message: null,
      finished_at: '2025-12-25T06:31:40.000Z',
      id: 'cmjl27r7x0huh0958br25ouk3',
      internal: false,
      key: null,
      local_created_at: '2025-12-25T06:26:25.000Z',
      progress: 0,
      resource_id: null,
      resource_mutation: '',
      resource_rollback_error: null,
      resource_rollback_retry_count: null,
      resource_rollbacked: null,
      resource_type: null,
      snapshot: '',
      started_at: '2025-12-25T06:26:25.000Z',
      status: 'SUCCESSED',
      steps: [],
      type: null,
      user: null,
    },
    {
      args: {
        Hash: '5c67dcd21a874675b933095ce26153ed2882132f69dfd22966a01c31ec4e235e',
      },
      cluster: null,
      description: 'Create Application package observability-X86_64-v1.4.2-release.20250926.tar.gz',
      error_code: null,
      error_message: null,
      finished_at: '2025-12-25T06:31:02.000Z',
      id: 'cmjl2bjf40i1709584fx0fg8q',
      internal: false,
      key: null,
      local_created_at: '2025-12-25T06:29:21.000Z',
      progress: 1,
      resource_id: 'cmjl2dpbr0ia80958fpt5hqgz',
      resource_mutation: null,
      resource_rollback_error: null,
      resource_rollback_retry_count: null,
      resource_rollbacked: null,
      resource_type: 'CloudTowerApplicationPackage',
      snapshot: '{"typename":"CloudTowerApplicationPackage"}',
      started_at: '2025-12-25T06:29:21.000Z',
      status: 'SUCCESSED',
      steps: [
        {
          current: 0,
          finished: true,
          key: 'READ_PACKAGE',
          per_second: 0,
          total: null,
          unit: null,
        },
        {
          current: 0,
          finished: true,
          key: 'STORE_IMAGE',
          per_second: 0,
          total: null,
          unit: null,
        },
        {
          current: 0,
          finished: true,
          key: 'CREATE_PACKAGE_RESOURCE',
          per_second: 0,
          total: null,
          unit: null,
        },
      ],
      type: null,
      user: {
        id: 'cmjcojkm201zx09580vmjmbru',
        name: 'system service',
      },
    },
  ],
  installTask: {
    args: {},
    cluster: null,
    description: 'Install Application backup-bak',
    error_code: null,
    error_message: null,
    finished_at: '2025-12-26T10:36:35.000Z',
    id: 'cmjmqhzgo0m620958jsdlfmej',
    internal: false,
    key: null,
    local_created_at: '2025-12-26T10:33:59.000Z',
    progress: 1,
    resource_id: 'cmjmqhze50m5j0958fp6tprio',
    resource_mutation: null,
    resource_rollback_error: null,
    resource_rollback_retry_count: null,
    resource_rollbacked: null,
    resource_type: 'CloudTowerApplication',
    snapshot: '{"typename":"CloudTowerApplication"}',
    started_at: '2025-12-26T10:33:59.000Z',
    status: 'SUCCESSED',
    steps: [
      {
        current: 0,
        finished: true,
        key: 'HANDLE_SCOS_VM',
        per_second: 0,
        total: null,
        unit: null,
      },
      {
        current: 0,
        finished: true,
        key: 'DEPLOY_PACKAGE',
        per_second: 0,
        total: null,
        unit: null,
      },
    ],
    type: null,
    user: {
      id: 'cmjmmuv2m01zz0958rg0pcywp',
      name: 'system service',
    },
  },
};
